namespace Parley.Liquid.Runtime;

/// <summary>A Liquid object: string keys kept in insertion order (JSON/JS property order).</summary>
internal sealed class LiquidMap : Dictionary<string, object?>
{
    public LiquidMap() : base(StringComparer.Ordinal) { }
    public LiquidMap(int capacity) : base(capacity, StringComparer.Ordinal) { }
}
