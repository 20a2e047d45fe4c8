using Parley.Liquid.Nodes;

namespace Parley.Liquid;

/// <summary>A parsed template: immutable, safe to render from many threads at once.</summary>
public sealed class LiquidTemplate
{
    internal LiquidTemplate(string source, IReadOnlyList<Node> nodes)
    {
        Source = source;
        Nodes = nodes;
    }

    public string Source { get; }
    internal IReadOnlyList<Node> Nodes { get; }
}
