using Parley.Liquid.Runtime;

namespace Parley.Liquid.Nodes;

/// <summary>What rendering a node asks of the enclosing loop.</summary>
internal enum Flow { Normal, Break, Continue }

/// <summary>A piece of a parsed template that renders into the output.</summary>
internal abstract class Node
{
    public abstract Flow Render(RenderContext context);

    public static Flow RenderAll(IReadOnlyList<Node> nodes, RenderContext context)
    {
        foreach (var node in nodes)
        {
            var flow = node.Render(context);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }
}

/// <summary>Literal text.</summary>
internal sealed class TextNode(string text) : Node
{
    public override Flow Render(RenderContext context)
    {
        context.Write(text);
        return Flow.Normal;
    }
}

/// <summary><c>{{ expression }}</c> and <c>{% echo expression %}</c>.</summary>
internal sealed class OutputNode(Expr expression) : Node
{
    public override Flow Render(RenderContext context)
    {
        context.Write(LiquidValues.ToOutput(expression.Evaluate(context)));
        return Flow.Normal;
    }
}

/// <summary><c>{% assign name = expression %}</c>.</summary>
internal sealed class AssignNode(string name, Expr expression) : Node
{
    public override Flow Render(RenderContext context)
    {
        context.Assign(name, expression.Evaluate(context));
        return Flow.Normal;
    }
}

/// <summary><c>{% capture name %}...{% endcapture %}</c>.</summary>
internal sealed class CaptureNode(string name, IReadOnlyList<Node> body) : Node
{
    public override Flow Render(RenderContext context)
    {
        var outer = context.Output;
        context.Output = new System.Text.StringBuilder();
        try
        {
            RenderAll(body, context);
            context.Assign(name, context.Output.ToString());
        }
        finally
        {
            context.Output = outer;
        }
        return Flow.Normal;
    }
}

/// <summary><c>{% break %}</c> / <c>{% continue %}</c>.</summary>
internal sealed class LoopControlNode(Flow flow) : Node
{
    public override Flow Render(RenderContext context) => flow;
}

/// <summary><c>{% if %}</c> / <c>{% unless %}</c> with their elsif/else branches.</summary>
internal sealed class ConditionalNode(IReadOnlyList<(Expr? Condition, bool Negate, IReadOnlyList<Node> Body)> branches) : Node
{
    public override Flow Render(RenderContext context)
    {
        foreach (var (condition, negate, body) in branches)
        {
            if (condition is null || LiquidValues.IsTruthy(condition.Evaluate(context)) != negate)
                return RenderAll(body, context);
        }
        return Flow.Normal;
    }
}

/// <summary><c>{% case %}</c> with <c>when</c> (several values, any matching) and <c>else</c>.</summary>
internal sealed class CaseNode(Expr subject, IReadOnlyList<(IReadOnlyList<Expr>? Values, IReadOnlyList<Node> Body)> branches) : Node
{
    public override Flow Render(RenderContext context)
    {
        var value = subject.Evaluate(context);
        var matched = false;
        foreach (var (values, body) in branches)
        {
            if (values is null)
            {
                if (!matched) return RenderAll(body, context);
                continue;
            }
            if (values.Any(v => LiquidValues.Equals(value, v.Evaluate(context))))
            {
                matched = true;
                var flow = RenderAll(body, context);
                if (flow != Flow.Normal) return flow;
            }
        }
        return Flow.Normal;
    }
}

/// <summary><c>{% increment x %}</c> / <c>{% decrement x %}</c>: counters separate from assigned variables.</summary>
internal sealed class CounterNode(string name, int step) : Node
{
    public override Flow Render(RenderContext context)
    {
        // Counters live in the environment (LiquidJS's environments), so {{ name }} sees them unless assigned.
        var current = context.LookupGlobal(name) is double value ? value : 0;
        if (step < 0) current += step;
        context.Write(JsNumber.Format(current));
        if (step > 0) current += step;
        context.SetGlobal(name, current);
        return Flow.Normal;
    }
}

/// <summary><c>{% cycle "a", "b" %}</c>, optionally named by a group.</summary>
internal sealed class CycleNode(string key, IReadOnlyList<Expr> values) : Node
{
    public override Flow Render(RenderContext context)
    {
        var index = context.Cycles.TryGetValue(key, out var i) ? i : 0;
        context.Write(LiquidValues.ToOutput(values[index % values.Count].Evaluate(context)));
        context.Cycles[key] = index + 1;
        return Flow.Normal;
    }
}
