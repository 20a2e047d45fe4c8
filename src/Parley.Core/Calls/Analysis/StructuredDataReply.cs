using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.Calls.Analysis;

/// <summary>Turns a model's structured-data answer into JSON, tolerating the wrappers models add despite being told not to.</summary>
public static class StructuredDataReply
{
    /// <summary>
    /// Parses <paramref name="reply"/>: strips a Markdown code fence, then falls back to the outermost braces when
    /// prose surrounds the JSON. The value must have the schema's top-level <c>type</c> (object when the schema
    /// names none, as <c>call.analysis.structuredData</c> is an object). Returns null and a reason on failure.
    /// </summary>
    public static JsonNode? Parse(string reply, JsonObject? schema, out string? error)
    {
        var expected = JsonRead.String(schema?["type"]) ?? "object";
        var text = StripFence(reply.Trim());
        var value = TryParse(text);
        if (value is null && expected == "object")
        {
            var start = text.IndexOf('{');
            var end = text.LastIndexOf('}');
            if (start >= 0 && end > start) value = TryParse(text[start..(end + 1)]);
        }
        if (value is null)
        {
            error = "the model's answer is not JSON: " + Shorten(reply);
            return null;
        }
        if (!HasType(value, expected))
        {
            error = $"the model's answer is JSON but not of the schema's type '{expected}': " + Shorten(reply);
            return null;
        }
        error = null;
        return value;
    }

    /// <summary>Removes a surrounding <c>```json ... ```</c> (or bare <c>```</c>) fence.</summary>
    public static string StripFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        var firstLineEnd = text.IndexOf('\n');
        if (firstLineEnd < 0) return text.Trim('`').Trim();
        var body = text[(firstLineEnd + 1)..];
        var close = body.LastIndexOf("```", StringComparison.Ordinal);
        return (close >= 0 ? body[..close] : body).Trim();
    }

    private static JsonNode? TryParse(string text)
    {
        if (text.Length == 0) return null;
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    private static bool HasType(JsonNode value, string expected) => expected switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => JsonRead.Number(value) is { } n && Math.Floor(n) == n,
        "boolean" => JsonRead.Bool(value) is not null,
        _ => true, // a type Parley does not know: accept what parsed rather than drop the data.
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
