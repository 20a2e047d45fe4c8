using System.Collections.Concurrent;

namespace Parley.Core.Calls.Audio;

/// <summary>Hann windows, one read-only table per length shared by every user.</summary>
public static class HannWindow
{
    private static readonly ConcurrentDictionary<int, double[]> ByLength = new();

    /// <summary>The window of <paramref name="length"/> points (w[0] = w[length-1] = 0), read-only: every caller shares it.</summary>
    public static ReadOnlyMemory<double> Of(int length) => ByLength.GetOrAdd(length, static n =>
    {
        var window = new double[n];
        for (var i = 0; i < n; i++) window[i] = n == 1 ? 1 : 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (n - 1));
        return window;
    });
}
