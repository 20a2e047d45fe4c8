using System.Text.Json.Nodes;
using Parley.Core.Http;
using Parley.Core.Templates;

using Parley.Core.Json;

namespace Parley.Core.Tools.Rules;

/// <summary>
/// Builds the arguments a tool is actually called with: the model's arguments, then body-schema <c>value</c>
/// (always) and <c>default</c> (only for keys the model left out), then the tool's static <c>parameters</c>,
/// which win. Every string that comes from the tool definition is rendered as Liquid over the call's scope.
/// </summary>
public sealed class StaticParameters(ITemplateRenderer renderer)
{
    /// <param name="modelArguments">What the model passed; not modified.</param>
    /// <param name="parameters">The tool's static <c>parameters</c> <c>[{key, value}]</c>, or null.</param>
    /// <param name="bodySchema">The apiRequest <c>body</c> JsonSchema whose properties may carry value/default, or null.</param>
    /// <param name="scope">The call's variables for templates.</param>
    /// <param name="warnings">Receives a line for each template that failed (its raw text is used instead).</param>
    public JsonObject Apply(JsonObject? modelArguments, JsonArray? parameters, JsonObject? bodySchema, JsonObject? scope,
        ICollection<string>? warnings = null)
    {
        var arguments = modelArguments?.DeepClone() as JsonObject ?? new JsonObject();
        FillFromSchema(arguments, bodySchema, scope, warnings);
        if (parameters is null) return arguments;
        foreach (var parameter in parameters.OfType<JsonObject>())
        {
            var key = JsonRead.String(parameter["key"]);
            if (string.IsNullOrEmpty(key)) continue;
            arguments[key] = RenderStrings(parameter["value"], scope, warnings);
        }
        return arguments;
    }

    /// <summary>
    /// Sets each schema property that has a <c>value</c> and each missing one that has a <c>default</c>, into
    /// <paramref name="values"/> (which is modified), recursing into object properties. Also used for apiRequest headers.
    /// </summary>
    public void FillFromSchema(JsonObject values, JsonObject? schema, JsonObject? scope, ICollection<string>? warnings = null)
    {
        if (schema?["properties"] is not JsonObject properties) return;
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property) continue;
            if (property.TryGetPropertyValue("value", out var fixedValue) && fixedValue is not null)
            {
                values[name] = RenderStrings(fixedValue, scope, warnings);
            }
            else if (!values.ContainsKey(name) && property.TryGetPropertyValue("default", out var fallback) && fallback is not null)
            {
                values[name] = RenderStrings(fallback, scope, warnings);
            }

            if (property["properties"] is JsonObject)
            {
                var nested = values[name] as JsonObject;
                var target = nested ?? new JsonObject();
                FillFromSchema(target, property, scope, warnings);
                if (nested is null && target.Count > 0 && !values.ContainsKey(name)) values[name] = target;
            }
        }
    }

    private JsonNode? RenderStrings(JsonNode? node, JsonObject? scope, ICollection<string>? warnings) => node switch
    {
        JsonValue value when JsonRead.String(value) is { } template => Render(template, scope, warnings),
        JsonObject obj => new JsonObject(obj.Select(p =>
            new KeyValuePair<string, JsonNode?>(p.Key, RenderStrings(p.Value, scope, warnings)))),
        JsonArray array => new JsonArray(array.Select(item => RenderStrings(item, scope, warnings)).ToArray()),
        _ => node?.DeepClone(),
    };

    private string Render(string template, JsonObject? scope, ICollection<string>? warnings)
    {
        if (!template.Contains("{{") && !template.Contains("{%")) return template;
        try
        {
            return renderer.Render(template, scope);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            warnings?.Add($"Template '{template}' failed to render ({e.GetType().Name}); its raw text was used.");
            return template;
        }
    }
}
