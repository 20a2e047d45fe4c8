using System.Collections.Frozen;
using Parley.Liquid.Runtime;

namespace Parley.Liquid;

/// <summary>The filter table. Each filter is a plain static method; unknown names resolve to null (pass-through).</summary>
internal static partial class Filters
{
    public delegate object? FilterFn(RenderContext ctx, object? input, object?[] args, Dictionary<string, object?>? kwargs);

    static readonly FrozenDictionary<string, FilterFn> Table = BuildTable();

    public static FilterFn? Lookup(string name) => Table.TryGetValue(name, out var f) ? f : null;

    static FrozenDictionary<string, FilterFn> BuildTable()
    {
        var t = new Dictionary<string, FilterFn>();
        RegisterString(t);
        RegisterMath(t);
        RegisterArray(t);
        RegisterExtra(t);
        RegisterDate(t);
        return t.ToFrozenDictionary(StringComparer.Ordinal);
    }

    static object? Arg(object?[] args, int i) => i < args.Length ? args[i] : null;
    static bool Has(object?[] args, int i) => i < args.Length;
    static string Str(object? v) => Values.ToOutput(v);

    /// <summary>LiquidJS's numeric coercion for filter inputs: unparsable values count as 0.</summary>
    static double Num(object? v)
    {
        var d = Values.ToNumber(v);
        return double.IsNaN(d) && v is not double ? 0 : d;
    }

    /// <summary>A missing argument is JS undefined, which makes arithmetic NaN.</summary>
    static double NumArg(object?[] args, int i) => i < args.Length ? Num(args[i]) : double.NaN;
}
