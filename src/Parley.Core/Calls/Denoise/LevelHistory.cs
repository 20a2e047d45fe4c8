namespace Parley.Core.Calls.Denoise;

/// <summary>A fixed-size rolling window of frame levels (dBFS) that answers percentiles without allocating.</summary>
internal sealed class LevelHistory(int capacity)
{
    private readonly double[] _levels = new double[capacity];
    private readonly double[] _sorted = new double[capacity];
    private int _next;
    private bool _sortedValid;

    public int Count { get; private set; }
    public int Capacity => capacity;

    public void Add(double levelDb)
    {
        _levels[_next] = levelDb;
        _next = (_next + 1) % capacity;
        if (Count < capacity) Count++;
        _sortedValid = false;
    }

    /// <summary>The value below which <paramref name="percentile"/>% of the window lies (nearest rank).</summary>
    public double Percentile(double percentile)
    {
        if (Count == 0) return double.NegativeInfinity;
        var sorted = _sorted.AsSpan(0, Count);
        if (!_sortedValid)
        {
            _levels.AsSpan(0, Count).CopyTo(sorted);
            sorted.Sort();
            _sortedValid = true;
        }
        var rank = (int)Math.Ceiling(percentile / 100 * Count) - 1;
        return sorted[Math.Clamp(rank, 0, Count - 1)];
    }
}
