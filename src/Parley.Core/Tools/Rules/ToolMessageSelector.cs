using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Http;

using Parley.Core.Json;

namespace Parley.Core.Tools.Rules;

/// <summary>
/// Picks a tool's messages for one event: the type must match and every condition
/// (<c>{param, operator, value}</c>) must hold over the call's arguments.
/// </summary>
public static class ToolMessageSelector
{
    /// <summary>What Vapi says at request-start when a tool has no request-start message of its own.</summary>
    public static IReadOnlyList<string> DefaultRequestStartFillers { get; } =
        ["Hold on a sec", "One moment", "Just a sec", "Give me a moment", "This'll just take a sec"];

    /// <param name="messages">The tool's <c>messages</c> array, or null.</param>
    /// <param name="eventType">One of <see cref="ToolMessageEvent"/>.</param>
    /// <param name="arguments">The arguments the model called the tool with.</param>
    /// <param name="language">When set, a <c>contents</c> entry in this language is preferred over <c>content</c>.</param>
    public static IReadOnlyList<SelectedToolMessage> Select(JsonArray? messages, string eventType, JsonObject? arguments, string? language = null)
    {
        if (messages is null) return [];
        var selected = new List<SelectedToolMessage>();
        foreach (var message in messages.OfType<JsonObject>())
        {
            if (JsonRead.String(message["type"]) != eventType) continue;
            if (!ConditionsHold(message["conditions"] as JsonArray, arguments)) continue;
            selected.Add(new SelectedToolMessage(eventType, Text(message, language), message)
            {
                Role = JsonRead.String(message["role"]) ?? "assistant",
                Blocking = JsonRead.Bool(message["blocking"]) ?? false,
                EndCallAfterSpoken = JsonRead.Bool(message["endCallAfterSpokenEnabled"]) ?? false,
                TimingMilliseconds = JsonRead.NumberOrNumericString(message["timingMilliseconds"]) is { } ms ? (int)ms : null,
            });
        }
        return selected;
    }

    /// <summary>True when every condition holds; a missing parameter fails its condition.</summary>
    public static bool ConditionsHold(JsonArray? conditions, JsonObject? arguments)
    {
        if (conditions is null) return true;
        foreach (var condition in conditions)
        {
            if (condition is not JsonObject obj) return false;
            var param = JsonRead.String(obj["param"]);
            var actual = param is null ? null : JsonRead.Text(Lookup(arguments, param));
            var expected = JsonRead.Text(obj["value"]);
            if (actual is null || expected is null) return false;
            if (!Compare(actual, JsonRead.String(obj["operator"]) ?? "eq", expected)) return false;
        }
        return true;
    }

    private static JsonNode? Lookup(JsonObject? arguments, string param)
    {
        if (arguments is null) return null;
        if (arguments.TryGetPropertyValue(param, out var direct)) return direct;
        // "address.city" reaches into nested arguments when no top-level key has the dotted name.
        JsonNode? node = arguments;
        foreach (var segment in param.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null) return null;
        }
        return node;
    }

    private static bool Compare(string actual, string op, string expected)
    {
        int order;
        if (double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
            double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            order = a.CompareTo(b);
        else
            order = string.CompareOrdinal(actual, expected);
        return op switch
        {
            "eq" => order == 0,
            "neq" => order != 0,
            "gt" => order > 0,
            "gte" => order >= 0,
            "lt" => order < 0,
            "lte" => order <= 0,
            _ => false,
        };
    }

    private static string? Text(JsonObject message, string? language)
    {
        var content = JsonRead.String(message["content"]);
        var contents = message["contents"] as JsonArray;
        if (language is not null && contents is not null)
        {
            foreach (var entry in contents.OfType<JsonObject>())
                if (string.Equals(JsonRead.String(entry["language"]), language, StringComparison.OrdinalIgnoreCase))
                    return JsonRead.String(entry["text"]);
        }
        if (content is not null) return content;
        return contents?.OfType<JsonObject>().Select(entry => JsonRead.String(entry["text"])).FirstOrDefault(t => t is not null);
    }
}
