using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Parley.Liquid.Nodes;
using Parley.Liquid.Parsing;
using Parley.Liquid.Runtime;

namespace Parley.Liquid;

/// <summary>
/// A LiquidJS-compatible template engine: parses once (cached), renders over a JSON scope, concurrently and
/// without locks. Lenient like LiquidJS's defaults: unknown variables render empty, unknown filters pass through.
/// </summary>
public sealed class LiquidEngine(LiquidOptions? options = null)
{
    private readonly ConcurrentDictionary<string, LiquidTemplate> _cache = new(StringComparer.Ordinal);
    public LiquidOptions Options { get; } = options ?? new LiquidOptions();

    /// <summary>Parses a template (or returns the cached parse); throws <see cref="LiquidParseException"/>.</summary>
    public LiquidTemplate Parse(string source)
    {
        if (_cache.TryGetValue(source, out var cached)) return cached;
        var template = new LiquidTemplate(source, Parser.Parse(source, Options.MaxDepth));
        // A bounded cache: when full, start over rather than track recency on every hit.
        if (_cache.Count >= Options.CacheSize) _cache.Clear();
        _cache.TryAdd(source, template);
        return template;
    }

    public string Render(string source, JsonObject? scope) => Render(Parse(source), scope);

    public string Render(LiquidTemplate template, JsonObject? scope)
    {
        var context = new RenderContext(scope, Options);
        try
        {
            Node.RenderAll(template.Nodes, context);
        }
        catch (LiquidException)
        {
            throw;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new LiquidRenderException(e.Message);
        }
        context.CheckTime();
        return context.TakeOutput();
    }
}
