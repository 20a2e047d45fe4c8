namespace Parley.Bench.Calls;

/// <summary>Nearest-rank percentiles, as every figure of the calls bench is given.</summary>
public static class NearestRank
{
    /// <summary>The value at percentile <paramref name="p"/> (0..1) of an ascending, non-empty list.</summary>
    public static T Of<T>(IReadOnlyList<T> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
