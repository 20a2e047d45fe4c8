using System.Text.Json.Nodes;
using Parley.Core.Json;
using Parley.Core.Templates;

namespace Parley.Core.Tools;

/// <summary>Builds the headers and body of an apiRequest tool call from its JSON-schema definitions.</summary>
public static class ApiRequestParts
{
    /// <summary>Header schema properties with a <c>value</c> become headers, each value rendered with Liquid.</summary>
    public static Dictionary<string, string> Headers(JsonObject tool, JsonObject scope, ITemplateRenderer templates)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, property) in tool["headers"]?["properties"] as JsonObject ?? [])
            if (JsonRead.String(property?["value"]) is { } value)
                headers[name] = RenderOrKeep(value, scope, templates);
        return headers;
    }

    /// <summary>
    /// The JSON body: the model's arguments, then body-schema properties with a fixed <c>value</c> (always) or a
    /// <c>default</c> (only when the model gave none), then the tool's static <c>parameters</c>, which win.
    /// Every string value set by the tool is rendered with Liquid.
    /// </summary>
    public static JsonObject Body(JsonObject tool, JsonObject arguments, JsonObject scope, ITemplateRenderer templates)
    {
        var body = (JsonObject)arguments.DeepClone();
        foreach (var (name, property) in tool["body"]?["properties"] as JsonObject ?? [])
        {
            if (property is not JsonObject schema) continue;
            if (schema.TryGetPropertyValue("value", out var fixedValue))
                body[name] = RenderNode(fixedValue, scope, templates);
            else if (schema.TryGetPropertyValue("default", out var defaultValue) && !body.ContainsKey(name))
                body[name] = RenderNode(defaultValue, scope, templates);
        }
        foreach (var parameter in (tool["parameters"] as JsonArray)?.OfType<JsonObject>() ?? [])
            if (JsonRead.String(parameter["key"]) is { } key)
                body[key] = RenderNode(parameter["value"], scope, templates);
        return body;
    }

    /// <summary>Renders every string inside a value (objects and arrays too), keeping its structure.</summary>
    public static JsonNode? RenderNode(JsonNode? node, JsonObject scope, ITemplateRenderer templates) => node switch
    {
        JsonValue v when JsonRead.String(v) is { } text => JsonValue.Create(RenderOrKeep(text, scope, templates)),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, RenderNode(p.Value, scope, templates)))),
        JsonArray a => new JsonArray(a.Select(item => RenderNode(item, scope, templates)).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string RenderOrKeep(string text, JsonObject scope, ITemplateRenderer templates)
    {
        if (!text.Contains("{{") && !text.Contains("{%")) return text;
        try { return templates.Render(text, scope); }
        catch (Exception) { return text; }
    }
}
