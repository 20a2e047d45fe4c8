using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Parley.Liquid.Runtime;
using Parley.Liquid.Syntax;

namespace Parley.Liquid;

/// <summary>
/// Renders Liquid exactly as LiquidJS 10.30.1 does. Thread-safe: compiled templates are cached by source text
/// and rendering takes no locks.
/// </summary>
public sealed class LiquidEngine
{
    readonly ConcurrentDictionary<string, LiquidTemplate> _cache = new(StringComparer.Ordinal);

    public LiquidEngine(LiquidOptions? options = null) => Options = options ?? new LiquidOptions();

    public LiquidOptions Options { get; }

    /// <summary>How many compiled templates are cached.</summary>
    public int CachedTemplateCount => _cache.Count;

    public LiquidTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_cache.TryGetValue(source, out var cached)) return cached;
        var template = new LiquidTemplate(source, TemplateParser.Parse(source, Options.MaxDepth));
        if (_cache.Count >= Options.MaxCachedTemplates) _cache.Clear();
        return _cache.GetOrAdd(source, template);
    }

    public string Render(string source, JsonObject? scope) => Render(Parse(source), scope);

    public string Render(LiquidTemplate template, JsonObject? scope)
    {
        ArgumentNullException.ThrowIfNull(template);
        try
        {
            return template.Render(scope, Options);
        }
        catch (LiquidException) { throw; }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new LiquidRenderException(ex.Message);
        }
    }
}
