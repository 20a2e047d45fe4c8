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

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue value ? value.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;
}
