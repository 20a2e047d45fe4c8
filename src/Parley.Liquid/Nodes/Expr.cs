using Parley.Liquid.Runtime;

namespace Parley.Liquid.Nodes;

/// <summary>An expression: evaluates to a value in a render context.</summary>
internal abstract class Expr
{
    public abstract object? Evaluate(RenderContext context);
}

/// <summary>A literal value (string, number, true/false, nil, empty, blank).</summary>
internal sealed class LiteralExpr(object? value) : Expr
{
    public object? Value { get; } = value;
    public override object? Evaluate(RenderContext context) => Value;
}

/// <summary>A variable path: <c>customer.name</c>, <c>items[0]</c>, <c>a["k-1"][i].size</c>.</summary>
internal sealed class VariableExpr(string root, IReadOnlyList<Expr> segments) : Expr
{
    public string Root { get; } = root;
    public IReadOnlyList<Expr> Segments { get; } = segments;

    public override object? Evaluate(RenderContext context)
    {
        var value = context.Lookup(Root);
        foreach (var segment in Segments)
        {
            var key = segment.Evaluate(context);
            value = Access(value, key);
            if (value is null) return null;
        }
        return value;
    }

    /// <summary>Property access with LiquidJS's extras: negative indexes, and first/last/size when no such key exists.</summary>
    public static object? Access(object? target, object? key)
    {
        switch (target)
        {
            case OrderedDictionary<string, object?> obj:
                var name = key is double d ? JsNumber.Format(d) : key as string;
                if (name is null) return null;
                if (obj.TryGetValue(name, out var found)) return found;
                return name == "size" ? (double)obj.Count : null;
            case List<object?> list:
                if (key is double index)
                {
                    var i = (int)index;
                    if (i != index) return null;
                    if (i < 0) i += list.Count;
                    return i >= 0 && i < list.Count ? list[i] : null;
                }
                return key switch
                {
                    "size" or "length" => (double)list.Count,
                    "first" => list.Count > 0 ? list[0] : null,
                    "last" => list.Count > 0 ? list[^1] : null,
                    string s when int.TryParse(s, out var n) => n >= 0 && n < list.Count ? list[n] : null,
                    _ => null,
                };
            case string text:
                if (key is "size" or "length") return (double)text.Length;
                if (key is double ci)
                {
                    var i = (int)ci;
                    return i >= 0 && i < text.Length && i == ci ? text[i].ToString() : null;
                }
                return null;
            case LiquidRange range:
                return key switch
                {
                    "size" => (double)range.Count,
                    "first" => (double)range.From,
                    "last" => (double)range.To,
                    _ => null,
                };
            default:
                return null;
        }
    }
}

/// <summary>A range literal <c>(a..b)</c>.</summary>
internal sealed class RangeExpr(Expr from, Expr to) : Expr
{
    public override object? Evaluate(RenderContext context) =>
        new LiquidRange((int)Math.Truncate(LiquidValues.ToNumber(from.Evaluate(context)) is var f && double.IsNaN(f) ? 0 : f),
                        (int)Math.Truncate(LiquidValues.ToNumber(to.Evaluate(context)) is var t && double.IsNaN(t) ? 0 : t));
}

/// <summary>A comparison (<c>==</c>, <c>contains</c>...) or a logical <c>and</c>/<c>or</c>.</summary>
internal sealed class BinaryExpr(string op, Expr left, Expr right) : Expr
{
    public override object? Evaluate(RenderContext context)
    {
        switch (op)
        {
            case "and": return LiquidValues.IsTruthy(left.Evaluate(context)) && LiquidValues.IsTruthy(right.Evaluate(context));
            case "or": return LiquidValues.IsTruthy(left.Evaluate(context)) || LiquidValues.IsTruthy(right.Evaluate(context));
        }
        var l = left.Evaluate(context);
        var r = right.Evaluate(context);
        return op switch
        {
            "==" => LiquidValues.Equals(l, r),
            "!=" or "<>" => !LiquidValues.Equals(l, r),
            "<" => LiquidValues.Compare(l, r) is < 0,
            ">" => LiquidValues.Compare(l, r) is > 0,
            "<=" => LiquidValues.Compare(l, r) is <= 0,
            ">=" => LiquidValues.Compare(l, r) is >= 0,
            "contains" => LiquidValues.Contains(l, r),
            _ => throw new LiquidRenderException($"unknown operator {op}"),
        };
    }
}

/// <summary>A filter call in a chain: name, positional arguments and keyword arguments.</summary>
internal sealed record FilterCall(string Name, IReadOnlyList<Expr> Arguments, IReadOnlyList<(string Name, Expr Value)> Keywords);

/// <summary>A value followed by filters: <c>x | upcase | append: "!"</c>.</summary>
internal sealed class FilteredExpr(Expr value, IReadOnlyList<FilterCall> filters) : Expr
{
    public override object? Evaluate(RenderContext context)
    {
        var result = value.Evaluate(context);
        foreach (var filter in filters)
        {
            var args = filter.Arguments.Count == 0 ? [] : new object?[filter.Arguments.Count];
            for (var i = 0; i < args.Length; i++) args[i] = filter.Arguments[i].Evaluate(context);
            Dictionary<string, object?>? keywords = null;
            if (filter.Keywords.Count > 0)
            {
                keywords = new Dictionary<string, object?>(filter.Keywords.Count, StringComparer.Ordinal);
                foreach (var (key, expr) in filter.Keywords) keywords[key] = expr.Evaluate(context);
            }
            result = context.ApplyFilter(filter.Name, result, args, keywords);
        }
        return result;
    }
}
