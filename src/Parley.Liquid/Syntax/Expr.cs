using Parley.Liquid.Runtime;

namespace Parley.Liquid.Syntax;

/// <summary>A compiled expression node.</summary>
internal abstract class Expr
{
    public abstract object? Eval(RenderContext ctx);
}

internal sealed class LiteralExpr(object? value) : Expr
{
    public object? Value { get; } = value;
    public override object? Eval(RenderContext ctx) => Value;
}

internal sealed class VariableExpr(string? root, Expr? rootExpr, object[] segments) : Expr
{
    public string? Root { get; } = root;
    // each segment is a constant key (string) or an Expr evaluated at render time
    public object[] Segments { get; } = segments;

    public override object? Eval(RenderContext ctx)
    {
        ctx.LastLookupMissing = false;
        object? v = Root is not null ? ctx.Lookup(Root) : ctx.Lookup(Values.ToOutput(rootExpr!.Eval(ctx)));
        foreach (var seg in Segments)
        {
            if (v is null) { ctx.LastLookupMissing = true; return null; }
            var key = seg is Expr e ? e.Eval(ctx) : seg;
            if (v is LiquidMap m && key is string ks)
            {
                if (!m.TryGetValue(ks, out v)) { v = Values.ReadProperty(m, ks); ctx.LastLookupMissing = v is null; }
                continue;
            }
            v = Values.ReadProperty(v, key);
            if (v is null) ctx.LastLookupMissing = true;
        }
        return v;
    }
}

internal sealed class RangeExpr(Expr lo, Expr hi) : Expr
{
    public override object? Eval(RenderContext ctx)
    {
        double a = Values.ToNumber(lo.Eval(ctx)), b = Values.ToNumber(hi.Eval(ctx));
        var list = new List<object?>();
        if (double.IsNaN(a) || double.IsNaN(b)) return list;
        for (double i = a; i < b + 1; i++)
        {
            ctx.CountIteration();
            list.Add(i);
        }
        return list;
    }
}

internal sealed class BinaryExpr(string op, Expr left, Expr right) : Expr
{
    public override object? Eval(RenderContext ctx)
    {
        switch (op)
        {
            case "and": return Values.IsTruthy(left.Eval(ctx)) && Values.IsTruthy(right.Eval(ctx));
            case "or": return Values.IsTruthy(left.Eval(ctx)) || Values.IsTruthy(right.Eval(ctx));
        }
        var l = left.Eval(ctx); var r = right.Eval(ctx);
        switch (op)
        {
            case "==": return Values.LiquidEquals(l, r);
            case "!=": return !Values.LiquidEquals(l, r);
            case "contains": return Values.Contains(l, r);
            case "<": return Values.Compare(l, r) is int c1 && c1 < 0;
            case ">": return Values.Compare(l, r) is int c2 && c2 > 0;
            case "<=": return Values.Compare(l, r) is int c3 && c3 <= 0;
            case ">=": return Values.Compare(l, r) is int c4 && c4 >= 0;
            default: return false;
        }
    }
}

internal sealed class NotExpr(Expr inner) : Expr
{
    public override object? Eval(RenderContext ctx) => !Values.IsTruthy(inner.Eval(ctx));
}

internal sealed class FilterCall(string name, Filters.FilterFn? fn, Expr[] args, (string Key, Expr Value)[] kwargs)
{
    public string Name { get; } = name;
    public object? Apply(object? input, RenderContext ctx)
    {
        if (fn is null) return input;
        var argv = args.Length == 0 ? Array.Empty<object?>() : new object?[args.Length];
        for (int i = 0; i < args.Length; i++) argv[i] = args[i].Eval(ctx);
        // LiquidJS's nil literal is an object, so as a date zone it reads as a zero offset
        if (argv.Length > 1 && Name == "date" && args[1] is LiteralExpr { Value: null }) argv[1] = 0d;
        Dictionary<string, object?>? kw = null;
        if (kwargs.Length > 0)
        {
            kw = new Dictionary<string, object?>();
            foreach (var (k, v) in kwargs) kw[k] = v.Eval(ctx);
        }
        return fn(ctx, input, argv, kw);
    }
}

internal sealed class FilteredExpr(Expr input, FilterCall[] filters) : Expr
{
    public override object? Eval(RenderContext ctx)
    {
        var v = input.Eval(ctx);
        ctx.InputNullKind = v is not null ? NullKind.Null
            : input is LiteralExpr ? NullKind.NilLiteral
            : input is VariableExpr && ctx.LastLookupMissing ? NullKind.Undefined : NullKind.Null;
        for (int i = 0; i < filters.Length; i++)
        {
            if (i == 1) ctx.InputNullKind = NullKind.Null;
            v = filters[i].Apply(v, ctx);
        }
        return v;
    }
}
