using System.Text;
using Parley.Liquid.Runtime;
using Parley.Liquid.Syntax;

namespace Parley.Liquid.Nodes;

/// <summary>for loops: offset, then limit, then reversed, as LiquidJS applies them.</summary>
internal sealed class ForNode(string variable, Expr collection, Expr? limit, Expr? offset, bool reversed, Node[] body, Node[]? elseBody, string name) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        var items = Enumerate(collection.Eval(ctx));
        if (items.Count == 0)
        {
            // else belongs to an empty collection, not to one that offset/limit emptied
            if (elseBody is not null) RenderBlock(elseBody, ctx, sb);
            return;
        }
        if (offset is not null) items = JsSlice(items, Values.ToNumber(offset.Eval(ctx)), items.Count);
        if (limit is not null) items = JsSlice(items, 0, Values.ToNumber(limit.Eval(ctx)));
        if (reversed) { items = new List<object?>(items); items.Reverse(); }
        if (items.Count == 0) return;
        var loop = new ForLoopState(items.Count, name);
        var scope = new LiquidMap(2) { ["forloop"] = loop };
        ctx.Push(scope);
        ctx.Enter();
        try
        {
            for (int i = 0; i < items.Count; i++)
            {
                ctx.CountIteration();
                loop.Index = i;
                scope[variable] = items[i];
                RenderBlock(body, ctx, sb);
                ctx.CheckOutput(sb);
                if (ctx.Interrupt == LoopInterrupt.Break) { ctx.Interrupt = LoopInterrupt.None; break; }
                ctx.Interrupt = LoopInterrupt.None;
            }
        }
        finally
        {
            ctx.Exit();
            ctx.Pop();
        }
    }

    /// <summary>Array.prototype.slice: negative positions count from the end, NaN is 0.</summary>
    public static List<object?> JsSlice(List<object?> items, double start, double end)
    {
        int n = items.Count;
        int Resolve(double d) => double.IsNaN(d) ? 0 : d < 0 ? (int)Math.Max(0, n + Math.Truncate(d)) : (int)Math.Min(n, Math.Truncate(d));
        int a = Resolve(start), b = Resolve(end);
        if (a == 0 && b == n) return items;
        return b <= a ? [] : items.GetRange(a, b - a);
    }

    public static List<object?> Enumerate(object? v)
    {
        switch (v)
        {
            case List<object?> l: return l;
            case LiquidMap m:
                var pairs = new List<object?>(m.Count);
                foreach (var kv in m) pairs.Add(new List<object?> { kv.Key, kv.Value });
                return pairs;
            case string s when s.Length > 0: return [s];
            default: return [];
        }
    }
}

/// <summary>tablerow: an HTML table with <c>cols</c> cells per row.</summary>
internal sealed class TableRowNode(string variable, Expr collection, Expr? limit, Expr? offset, Expr? cols, Node[] body) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        var items = ForNode.Enumerate(collection.Eval(ctx));
        if (offset is not null)
        {
            int off = (int)Math.Max(0, Values.ToNumber(offset.Eval(ctx)));
            items = off >= items.Count ? [] : items.GetRange(off, items.Count - off);
        }
        if (limit is not null)
        {
            int lim = (int)Math.Clamp(Values.ToNumber(limit.Eval(ctx)), 0, items.Count);
            items = items.GetRange(0, lim);
        }
        int c = items.Count;
        if (cols is not null)
        {
            double cv = Values.ToNumber(cols.Eval(ctx));
            if (!double.IsNaN(cv) && cv > 0) c = (int)cv;
        }
        if (c <= 0) c = 1;
        var loop = new TableRowState(items.Count, c);
        var scope = new LiquidMap(2) { ["tablerowloop"] = loop };
        ctx.Push(scope);
        ctx.Enter();
        try
        {
            for (int i = 0; i < items.Count; i++)
            {
                ctx.CountIteration();
                loop.Index = i;
                scope[variable] = items[i];
                if (i % c == 0)
                {
                    if (i > 0) sb.Append("</tr>");
                    sb.Append("<tr class=\"row").Append(i / c + 1).Append("\">");
                }
                sb.Append("<td class=\"col").Append(i % c + 1).Append("\">");
                RenderBlock(body, ctx, sb);
                ctx.Interrupt = LoopInterrupt.None;
                sb.Append("</td>");
                ctx.CheckOutput(sb);
            }
            if (items.Count > 0) sb.Append("</tr>");
        }
        finally
        {
            ctx.Exit();
            ctx.Pop();
        }
    }
}
