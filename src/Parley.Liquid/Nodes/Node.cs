using System.Text;
using Parley.Liquid.Runtime;

namespace Parley.Liquid.Nodes;

/// <summary>A compiled template node; rendering appends to a StringBuilder.</summary>
internal abstract class Node
{
    public abstract void Render(RenderContext ctx, StringBuilder sb);

    public static void RenderBlock(Node[] nodes, RenderContext ctx, StringBuilder sb)
    {
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i].Render(ctx, sb);
            if (ctx.Interrupt != LoopInterrupt.None) return;
        }
    }
}
