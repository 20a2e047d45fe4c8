namespace Parley.Liquid.Runtime;

/// <summary>An integer range <c>(a..b)</c>, inclusive at both ends.</summary>
public sealed record LiquidRange(int From, int To)
{
    public IEnumerable<object?> Items()
    {
        for (var i = From; i <= To; i++) yield return (double)i;
    }

    public int Count => Math.Max(0, To - From + 1);
}

/// <summary>The special literals <c>empty</c> and <c>blank</c>, which compare by emptiness.</summary>
public sealed class LiquidSpecial(string name)
{
    public static readonly LiquidSpecial Empty = new("empty");
    public static readonly LiquidSpecial Blank = new("blank");
    public string Name { get; } = name;
    public override string ToString() => "";
}
