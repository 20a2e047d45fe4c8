using System.Text;
using Parley.Liquid.Nodes;
using Parley.Liquid.Runtime;

namespace Parley.Liquid;

/// <summary>A parsed, immutable template; safe to render from many threads at once.</summary>
public sealed class LiquidTemplate
{
    readonly Node[] _nodes;

    internal LiquidTemplate(string source, Node[] nodes)
    {
        Source = source;
        _nodes = nodes;
    }

    public string Source { get; }

    [ThreadStatic] static StringBuilder? t_builder;

    internal string Render(System.Text.Json.Nodes.JsonObject? env, LiquidOptions options)
    {
        var ctx = new RenderContext(env, options);
        var sb = t_builder ?? new StringBuilder(256);
        t_builder = null;
        try
        {
            sb.Clear();
            Node.RenderBlock(_nodes, ctx, sb);
            ctx.CheckOutput(sb);
            ctx.CheckTime();
            return sb.ToString();
        }
        finally
        {
            // keep one modest builder per thread; a huge one would pin memory
            if (sb.Capacity <= 64 * 1024) t_builder = sb;
        }
    }
}
