using System.Text;
using Parley.Liquid.Runtime;
using Parley.Liquid.Syntax;

namespace Parley.Liquid.Nodes;

internal sealed class TextNode(string text) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb) => sb.Append(text);
}

internal sealed class OutputNode(Expr expr) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        Values.Write(sb, expr.Eval(ctx));
        ctx.CheckOutput(sb);
    }
}

internal sealed class AssignNode(string name, Expr expr) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        var value = expr.Eval(ctx);
        // a value that could never be printed is still a memory bomb (assign s = s | append: s, repeated)
        if (value is string s && s.Length > ctx.Options.MaxOutputLength)
            throw new LiquidLimitExceededException($"Liquid render exceeded {ctx.Options.MaxOutputLength:N0} characters of output");
        ctx.Assign(name, value);
    }
}

internal sealed class CaptureNode(string name, Node[] body) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        var inner = new StringBuilder();
        ctx.Enter();
        RenderBlock(body, ctx, inner);
        ctx.CheckOutput(inner);
        ctx.Exit();
        ctx.Assign(name, inner.ToString());
    }
}

internal sealed class InterruptNode(LoopInterrupt kind) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb) => ctx.Interrupt = kind;
}

internal sealed class CounterNode(string name, bool increment) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        var env = ctx.Environment;
        double v = env.TryGetValue(name, out var cur) && cur is double d ? d : 0;
        if (increment) { sb.Append(JsNumber.Format(v)); env[name] = v + 1; }
        else { env[name] = v - 1; sb.Append(JsNumber.Format(v - 1)); }
    }
}

internal sealed class CycleNode(string? group, Expr[] values) : Node
{
    readonly string _key = group ?? "cycle:" + values.Length + ":" + string.Join("\u0001", values.Select(v => v is LiteralExpr l ? Values.ToOutput(l.Value) : v.GetHashCode().ToString()));

    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        ctx.CycleState ??= new Dictionary<string, int>();
        ctx.CycleState.TryGetValue(_key, out int idx);
        Values.Write(sb, values[idx % values.Length].Eval(ctx));
        ctx.CycleState[_key] = idx + 1;
    }
}

internal sealed class BlockNode(Node[] body) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb) => RenderBlock(body, ctx, sb);
}
