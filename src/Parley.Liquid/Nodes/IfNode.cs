using System.Text;
using Parley.Liquid.Runtime;
using Parley.Liquid.Syntax;

namespace Parley.Liquid.Nodes;

/// <summary>if/elsif/else and unless: the first branch whose condition holds renders.</summary>
internal sealed class IfNode((Expr? Cond, bool Negate, Node[] Body)[] branches) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        foreach (var (cond, negate, body) in branches)
        {
            if (cond is null || Values.IsTruthy(cond.Eval(ctx)) != negate)
            {
                ctx.Enter();
                RenderBlock(body, ctx, sb);
                ctx.Exit();
                return;
            }
        }
    }
}

/// <summary>case/when/else; every matching when renders, else only when none matched.</summary>
internal sealed class CaseNode(Expr subject, (Expr[]? Values, Node[] Body)[] branches) : Node
{
    public override void Render(RenderContext ctx, StringBuilder sb)
    {
        var v = subject.Eval(ctx);
        bool matched = false;
        ctx.Enter();
        foreach (var (vals, body) in branches)
        {
            if (vals is null)
            {
                if (!matched) RenderBlock(body, ctx, sb);
                continue;
            }
            foreach (var e in vals)
            {
                if (Values.LiquidEquals(e.Eval(ctx), v))
                {
                    matched = true;
                    RenderBlock(body, ctx, sb);
                    break;
                }
            }
        }
        ctx.Exit();
    }
}
