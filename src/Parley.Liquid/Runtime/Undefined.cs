namespace Parley.Liquid.Runtime;

/// <summary>JavaScript's undefined: a filter argument that was not given (distinct from nil).</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();
    public override string ToString() => "";
}
