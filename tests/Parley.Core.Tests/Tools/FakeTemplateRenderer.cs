using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Core.Templates;

namespace Parley.Core.Tests.Tools;

/// <summary>
/// Stands in for the Liquid engine: replaces <c>{{ a.b[0].c }}</c> with the value at that path in the scope
/// (strings raw, other values as JSON, missing as empty) and refuses tags, as a real engine's error would.
/// </summary>
public sealed partial class FakeTemplateRenderer : ITemplateRenderer
{
    public List<(string Template, JsonObject? Scope)> Calls { get; } = [];

    public string Render(string template, JsonObject? scope)
    {
        Calls.Add((template, scope));
        if (template.Contains("{%")) throw new InvalidOperationException("The fake renderer does not support tags.");
        return Output().Replace(template, match => Text(Resolve(scope, match.Groups[1].Value)));
    }

    private static JsonNode? Resolve(JsonNode? node, string path)
    {
        foreach (Match segment in Segment().Matches(path))
        {
            if (node is null) return null;
            if (segment.Groups["index"].Success)
            {
                var index = int.Parse(segment.Groups["index"].Value);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
            else
            {
                node = node is JsonObject obj ? obj[segment.Groups["name"].Value] : null;
            }
        }
        return node;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"\{\{\s*(.+?)\s*\}\}")]
    private static partial Regex Output();

    [GeneratedRegex(@"\[(?<index>\d+)\]|(?<name>[^.\[\]]+)")]
    private static partial Regex Segment();
}

/// <summary>A renderer whose output a test computes from the template and scope, to check what a caller passes in.</summary>
public sealed class ScriptedTemplateRenderer(Func<string, JsonObject?, string> render) : ITemplateRenderer
{
    public int Calls { get; private set; }

    public string Render(string template, JsonObject? scope)
    {
        Calls++;
        return render(template, scope);
    }
}
