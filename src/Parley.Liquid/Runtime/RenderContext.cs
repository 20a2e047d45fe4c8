using System.Text;
using Parley.Liquid.Filters;

namespace Parley.Liquid.Runtime;

/// <summary>
/// The state of one render: variable scopes, counters, the output buffer and the limits being enforced.
/// One per render, never shared, so rendering needs no locks.
/// </summary>
internal sealed class RenderContext
{
    private readonly List<Dictionary<string, object?>> _scopes = new(4);
    private readonly System.Text.Json.Nodes.JsonObject? _scope;
    private readonly Dictionary<string, object?> _globals = new(StringComparer.Ordinal);
    private readonly LiquidOptions _options;
    private readonly long _deadline;
    private long _iterations;

    /// <summary>
    /// The scope is converted lazily: a variable becomes a template value the first time the template reads it,
    /// so large contexts cost nothing for the parts a template never touches.
    /// </summary>
    public RenderContext(System.Text.Json.Nodes.JsonObject? scope, LiquidOptions options)
    {
        _scope = scope;
        _options = options;
        _deadline = options.Clock.GetTimestamp() + (long)(options.MaxRenderTime.TotalSeconds * options.Clock.TimestampFrequency);
        _scopes.Add(new Dictionary<string, object?>(StringComparer.Ordinal));
    }

    public LiquidOptions Options => _options;
    private Dictionary<string, int>? _cycles;
    public Dictionary<string, int> Cycles => _cycles ??= new(StringComparer.Ordinal);
    public StringBuilder Output { get; set; } = RentBuilder();

    [ThreadStatic] private static StringBuilder? _spareBuilder;

    /// <summary>Each thread keeps one output buffer for its next render, so a render allocates only its result.</summary>
    private static StringBuilder RentBuilder()
    {
        var builder = _spareBuilder ?? new StringBuilder(256);
        _spareBuilder = null;
        return builder.Clear();
    }

    /// <summary>The rendered text; the buffer goes back for the thread's next render.</summary>
    public string TakeOutput()
    {
        var text = Output.ToString();
        if (Output.Capacity <= 64 * 1024) _spareBuilder = Output;
        return text;
    }
    public int Depth { get; set; }

    public object? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
            if (_scopes[i].TryGetValue(name, out var value)) return value;
        return LookupGlobal(name);
    }

    /// <summary>assign/capture write to the outermost scope (LiquidJS semantics: visible after loops end).</summary>
    public void Assign(string name, object? value) => _scopes[0][name] = value;

    public object? LookupGlobal(string name)
    {
        if (_globals.TryGetValue(name, out var value)) return value;
        if (_scope is null || !_scope.TryGetPropertyValue(name, out var node)) return null;
        value = LiquidValues.FromJson(node);
        _globals[name] = value;
        return value;
    }
    public void SetGlobal(string name, object? value) => _globals[name] = value;

    public void PushScope(Dictionary<string, object?> scope) => _scopes.Add(scope);
    public void PopScope() => _scopes.RemoveAt(_scopes.Count - 1);

    /// <summary>
    /// Applies a filter and checks the size of what it made: values can double on every assign (append, concat),
    /// so the output limit alone would be reached only after memory ran out.
    /// </summary>
    public object? ApplyFilter(string name, object? input, object?[] args, Dictionary<string, object?>? keywords)
    {
        var result = StandardFilters.Apply(this, name, input, args, keywords);
        var size = result switch { string s => s.Length, List<object?> l => l.Count, _ => 0 };
        if (size > _options.MaxOutputLength)
            throw new LiquidLimitExceededException($"Liquid render exceeded the output limit of {_options.MaxOutputLength:N0} characters (in filter {name})");
        return result;
    }

    public void Write(string text)
    {
        Output.Append(text);
        if (Output.Length > _options.MaxOutputLength)
            throw new LiquidLimitExceededException($"Liquid render exceeded the output limit of {_options.MaxOutputLength:N0} characters");
    }

    /// <summary>Counts one loop iteration against the limits, and checks the render-time budget.</summary>
    public void Tick()
    {
        if (++_iterations > _options.MaxLoopIterations)
            throw new LiquidLimitExceededException($"Liquid render exceeded {_options.MaxLoopIterations:N0} loop iterations");
        if ((_iterations & 0xFF) == 0) CheckTime();
    }

    public void CheckTime()
    {
        if (_options.Clock.GetTimestamp() > _deadline)
            throw new LiquidLimitExceededException($"Liquid render exceeded the time limit of {_options.MaxRenderTime.TotalMilliseconds:N0} ms");
    }
}
