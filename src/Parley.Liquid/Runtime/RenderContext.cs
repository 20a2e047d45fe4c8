using System.Text;

namespace Parley.Liquid.Runtime;

/// <summary>Per-render state: variable scopes, counters, limits. One instance per render; never shared.</summary>
internal sealed class RenderContext
{
    readonly LiquidMap _env;
    readonly List<LiquidMap> _scopes = new(4);
    readonly LiquidOptions _options;
    readonly long _startTimestamp;
    readonly long _maxTicks;
    long _iterations;
    int _depth;

    readonly System.Text.Json.Nodes.JsonObject? _source;

    /// <summary>Top-level variables are converted from <paramref name="source"/> on first use, so unused parts of a big scope cost nothing.</summary>
    public RenderContext(System.Text.Json.Nodes.JsonObject? source, LiquidOptions options)
    {
        _source = source;
        _env = new LiquidMap();
        _options = options;
        _scopes.Add(new LiquidMap());
        _startTimestamp = options.Clock.GetTimestamp();
        _maxTicks = (long)(options.MaxRenderTime.TotalSeconds * options.Clock.TimestampFrequency);
    }

    public LiquidOptions Options => _options;
    public LoopInterrupt Interrupt;
    public Dictionary<string, int>? CycleState;
    /// <summary>The environment with every top-level variable converted (increment/decrement write here).</summary>
    public LiquidMap Environment
    {
        get
        {
            if (_source is not null)
                foreach (var kv in _source)
                    if (!_env.ContainsKey(kv.Key)) _env[kv.Key] = Values.FromJson(kv.Value);
            return _env;
        }
    }

    /// <summary>Why the current filter input is null: LiquidJS tells undefined, null and the nil literal apart in json.</summary>
    public NullKind InputNullKind;
    public bool LastLookupMissing;

    public object? Lookup(string name)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
            if (_scopes[i].TryGetValue(name, out var v)) return v;
        if (_env.TryGetValue(name, out var e)) return e;
        if (_source is not null && _source.TryGetPropertyValue(name, out var node))
        {
            var converted = Values.FromJson(node);
            _env[name] = converted;
            return converted;
        }
        LastLookupMissing = true;
        return null;
    }

    public void Assign(string name, object? value) => _scopes[0][name] = value;
    public void Push(LiquidMap scope) => _scopes.Add(scope);
    public void Pop() => _scopes.RemoveAt(_scopes.Count - 1);

    public void CountIteration()
    {
        if (++_iterations > _options.MaxLoopIterations)
            throw new LiquidLimitExceededException($"Liquid render exceeded {_options.MaxLoopIterations:N0} loop iterations");
        if ((_iterations & 63) == 0) CheckTime();
    }

    public void CheckTime()
    {
        if (_options.Clock.GetTimestamp() - _startTimestamp > _maxTicks)
            throw new LiquidLimitExceededException($"Liquid render exceeded the {_options.MaxRenderTime.TotalMilliseconds:N0} ms render time limit");
    }

    public void CheckOutput(StringBuilder sb)
    {
        if (sb.Length > _options.MaxOutputLength)
            throw new LiquidLimitExceededException($"Liquid render exceeded {_options.MaxOutputLength:N0} characters of output");
    }

    public void Enter()
    {
        if (++_depth > _options.MaxDepth)
            throw new LiquidLimitExceededException($"Liquid render exceeded nesting depth {_options.MaxDepth:N0}");
    }

    public void Exit() => _depth--;
}

internal enum LoopInterrupt { None, Break, Continue }

internal enum NullKind { Null, Undefined, NilLiteral }
