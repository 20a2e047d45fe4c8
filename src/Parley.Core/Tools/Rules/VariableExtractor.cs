using System.Text.Json.Nodes;
using Parley.Core.Http;
using Parley.Core.Templates;

using Parley.Core.Json;

namespace Parley.Core.Tools.Rules;

/// <summary>
/// Applies a tool's variableExtractionPlan to a response: <c>schema</c> copies body fields into variables and
/// <c>aliases</c> render Liquid over the body (<c>{{customer.name}}</c>, <c>{{$[0].name}}</c>,
/// <c>{{tool.response.headers.x}}</c>). Alias values win over schema values of the same name.
/// </summary>
public sealed class VariableExtractor(ITemplateRenderer renderer)
{
    /// <param name="plan">The <c>variableExtractionPlan</c> (<c>{schema?, aliases?}</c>) or null.</param>
    /// <param name="body">The parsed response body, or null when it was not JSON.</param>
    /// <param name="headers">Response headers; exposed to templates under lower-case names.</param>
    /// <param name="warnings">Receives a line for each alias that failed to render (that alias is skipped).</param>
    /// <returns>The new variables, to merge into the call's variable values.</returns>
    public JsonObject Extract(JsonObject? plan, JsonNode? body, IReadOnlyDictionary<string, string> headers, ICollection<string>? warnings = null)
    {
        var variables = new JsonObject();
        if (plan is null) return variables;

        if (plan["schema"] is JsonObject schema) ExtractBySchema(schema, body, variables);

        if (plan["aliases"] is JsonArray { Count: > 0 } aliases)
        {
            var scope = Scope(body, headers);
            foreach (var alias in aliases.OfType<JsonObject>())
            {
                var key = JsonRead.String(alias["key"]);
                var template = JsonRead.String(alias["value"]);
                if (string.IsNullOrEmpty(key) || template is null) continue;
                try
                {
                    variables[key] = renderer.Render(template, scope);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    warnings?.Add($"Alias '{key}' failed to render ({e.GetType().Name}: {e.Message}); it was skipped.");
                }
            }
        }
        return variables;
    }

    private static void ExtractBySchema(JsonObject schema, JsonNode? body, JsonObject variables)
    {
        switch (JsonRead.String(schema["type"]))
        {
            case "object" when body is JsonObject fields && schema["properties"] is JsonObject properties:
                foreach (var (name, _) in properties)
                    if (fields.TryGetPropertyValue(name, out var value)) variables[name] = value?.DeepClone();
                break;
            case "array" when body is JsonArray array && JsonRead.String(schema["title"]) is { Length: > 0 } title:
                variables[title] = array.DeepClone();
                break;
        }
    }

    private static JsonObject Scope(JsonNode? body, IReadOnlyDictionary<string, string> headers)
    {
        var scope = new JsonObject();
        if (body is JsonObject fields)
            foreach (var (name, value) in fields) scope[name] = value?.DeepClone();

        var headerObject = new JsonObject();
        foreach (var (name, value) in headers) headerObject[name.ToLowerInvariant()] = value;
        scope["$"] = body?.DeepClone();
        // "tool" is set last so the response stays reachable even when the body has its own "tool" field.
        scope["tool"] = new JsonObject
        {
            ["response"] = new JsonObject { ["body"] = body?.DeepClone(), ["headers"] = headerObject },
        };
        return scope;
    }
}
