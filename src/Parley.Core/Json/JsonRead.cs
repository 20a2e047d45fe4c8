using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Json;

/// <summary>
/// Typed reads over JSON nodes that work whether a node was parsed from text or built in code
/// (a JsonValue holding an int does not answer TryGetValue&lt;double&gt;).
/// </summary>
public static class JsonRead
{
    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number) return null;
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A number, or a string holding one: user-written plans sometimes quote their numbers.</summary>
    public static double? NumberOrNumericString(JsonNode? node) =>
        Number(node) ?? (String(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null);

    /// <summary>A scalar as the text a template or comparison sees: strings unquoted, numbers and booleans as JSON, null as null.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue value ? value.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;
}
