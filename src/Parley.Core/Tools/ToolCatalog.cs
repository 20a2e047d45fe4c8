using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Core.Tools;

/// <summary>
/// The tools of one assistant (inline <c>model.tools</c>, then <c>model.toolIds</c>, then <c>tools:append</c>),
/// each turned into the function the model sees, looked up by function name when the model calls one.
/// </summary>
public sealed class ToolCatalog
{
    private readonly Dictionary<string, ResolvedTool> _byName = new(StringComparer.Ordinal);
    public IReadOnlyList<ResolvedTool> Tools { get; }

    public ToolCatalog(IEnumerable<JsonObject> tools)
    {
        var list = new List<ResolvedTool>();
        foreach (var tool in tools)
        {
            var resolved = Resolve(tool);
            if (resolved is null || !_byName.TryAdd(resolved.Name, resolved)) continue;
            list.Add(resolved);
        }
        Tools = list;
    }

    public ResolvedTool? Find(string functionName) => _byName.GetValueOrDefault(functionName);

    public IReadOnlyList<ToolDefinition> Functions => Tools.Select(t => t.Function).ToList();

    public static ResolvedTool? Resolve(JsonObject tool)
    {
        var type = Json.JsonRead.String(tool["type"]) ?? "function";
        var function = tool["function"] as JsonObject;
        var definition = type switch
        {
            "apiRequest" => new ToolDefinition(
                Str(tool, "name") ?? Str(function, "name") ?? "api_request_tool",
                Str(tool, "description") ?? Str(function, "description"),
                ApiRequestParameters(tool["body"] as JsonObject)),
            "endCall" => FromFunction(function, "endCall", "Ends the call. Use it when the conversation is over.", EmptyParameters()),
            "transferCall" => FromFunction(function, "transferCall", "Transfers the call to one of the destinations.", TransferParameters(tool)),
            "dtmf" => FromFunction(function, "dtmf", "Presses keys on the phone keypad (DTMF).", KeysParameters()),
            "sms" => FromFunction(function, "sms", "Sends an SMS text message to the customer.", SmsParameters()),
            _ => function is null ? null : FromFunction(function, type, null, EmptyParameters()),
        };
        return definition is null ? null : new ResolvedTool(type, tool, definition);
    }

    private static ToolDefinition FromFunction(JsonObject? function, string defaultName, string? defaultDescription, JsonObject defaultParameters) =>
        new(Str(function, "name") ?? defaultName,
            Str(function, "description") ?? defaultDescription,
            function?["parameters"] is JsonObject p ? Clean(p) : defaultParameters,
            Json.JsonRead.Bool(function?["strict"]) == true);

    /// <summary>
    /// The body schema minus the properties with a fixed <c>value</c>: those are filled by Parley, not the model.
    /// </summary>
    private static JsonObject ApiRequestParameters(JsonObject? body)
    {
        if (body is null) return EmptyParameters();
        var fixedKeys = (body["properties"] as JsonObject)?.Where(p => p.Value is JsonObject prop && prop.ContainsKey("value")).Select(p => p.Key).ToList() ?? [];
        var schema = Clean(body);
        schema["type"] = "object";
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var key in fixedKeys) properties.Remove(key);
            if (schema["required"] is JsonArray required)
                schema["required"] = new JsonArray(required.Where(r => !fixedKeys.Contains(Json.JsonRead.String(r) ?? "")).Select(r => r?.DeepClone()).ToArray());
        }
        else
        {
            schema["properties"] = new JsonObject();
        }
        return schema;
    }

    /// <summary>A copy without Vapi-only keywords models reject (<c>value</c>, <c>target</c>, <c>regex</c>).</summary>
    private static JsonObject Clean(JsonObject schema)
    {
        var copy = (JsonObject)schema.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                o.Remove("value");
                o.Remove("target");
                o.Remove("regex");
                foreach (var (key, child) in o.ToList())
                {
                    if (key == "properties" && child is JsonObject props)
                        foreach (var (_, prop) in props) Strip(prop);
                    else if (key is "items" or "additionalProperties") Strip(child);
                }
            }
        }
    }

    private static JsonObject EmptyParameters() => new() { ["type"] = "object", ["properties"] = new JsonObject() };

    private static JsonObject KeysParameters() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["keys"] = new JsonObject { ["type"] = "string", ["description"] = "Keys to press, e.g. \"1234#\"; w adds a short pause." } },
        ["required"] = new JsonArray("keys"),
    };

    private static JsonObject SmsParameters() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["message"] = new JsonObject { ["type"] = "string", ["description"] = "The text to send." } },
        ["required"] = new JsonArray("message"),
    };

    private static JsonObject TransferParameters(JsonObject tool)
    {
        var choices = new JsonArray();
        foreach (var destination in (tool["destinations"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var value = Str(destination, "number") ?? Str(destination, "sipUri") ?? Str(destination, "assistantName");
            if (value is not null) choices.Add(value);
        }
        var property = new JsonObject { ["type"] = "string", ["description"] = "Where to transfer the call." };
        if (choices.Count > 0) property["enum"] = choices;
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["destination"] = property },
            ["required"] = new JsonArray("destination"),
        };
    }

    private static string? Str(JsonObject? obj, string name) => Json.JsonRead.String(obj?[name]) is { Length: > 0 } s ? s : null;
}
