using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Http;

/// <summary>Lenient reads of JSON scalars from user-written plans, where numbers sometimes arrive as strings.</summary>
internal static class JsonScalars
{
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    public static bool? Bool(JsonNode? node) => node is JsonValue value ? value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    } : null;

    /// <summary>A scalar as the text a template or comparison sees: strings unquoted, numbers and booleans as JSON.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };
}
