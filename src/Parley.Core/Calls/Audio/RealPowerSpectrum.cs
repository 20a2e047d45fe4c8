using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// Power spectrum |X[k]|² of a real signal of N samples through one complex FFT of N/2 points (even samples as the
/// real part, odd ones as the imaginary part, then split): half the work of transforming the real signal as complex.
/// Holds only read-only tables and works in stack scratch, so one instance per size (<see cref="Shared"/>) serves
/// every call on every thread, and hundreds of calls keep one set of tables hot in cache instead of one set each.
/// </summary>
public sealed class RealPowerSpectrum
{
    /// <summary>Up to this many bins the scratch lives on the stack (16 KB); longer transforms rent it.</summary>
    private const int StackBins = 1024;
    private static readonly ConcurrentDictionary<int, RealPowerSpectrum> BySize = new();
    private readonly Fft _half;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public RealPowerSpectrum(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "must be a power of two, at least 4");
        Size = size;
        _half = Fft.Shared(size / 2);
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (var k = 0; k < size / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / size);
            _sin[k] = Math.Sin(2 * Math.PI * k / size);
        }
    }

    /// <summary>The one instance for transforms of <paramref name="size"/> points.</summary>
    public static RealPowerSpectrum Shared(int size) => BySize.GetOrAdd(size, static n => new RealPowerSpectrum(n));

    /// <summary>N, the transform length; shorter input is zero-padded to it.</summary>
    public int Size { get; }

    /// <summary>Writes |X[k]|² for k in [0, N/2) into <paramref name="power"/>; <paramref name="samples"/> holds at most N values.</summary>
    public void Compute(ReadOnlySpan<double> samples, Span<double> power) => Compute(samples, power, 0, Size / 2 - 1);

    /// <summary>
    /// Writes |X[k]|² for k in [<paramref name="firstBin"/>, <paramref name="lastBin"/>] into the same indices of
    /// <paramref name="power"/> (other entries are left alone): a band costs only its own bins after the transform.
    /// </summary>
    // Scratch is written before it is read (the tail past the samples is cleared explicitly), so zeroing is waste.
    [SkipLocalsInit]
    public void Compute(ReadOnlySpan<double> samples, Span<double> power, int firstBin, int lastBin)
    {
        var m = Size / 2;
        if (samples.Length > Size) throw new ArgumentException($"at most {Size} samples", nameof(samples));
        if (firstBin < 0 || lastBin >= m || firstBin > lastBin) throw new ArgumentOutOfRangeException(nameof(firstBin), $"bins must lie in [0, {m})");
        if (power.Length <= lastBin) throw new ArgumentException($"power needs {lastBin + 1} bins", nameof(power));
        double[]? rented = null;
        var scratch = m <= StackBins ? stackalloc double[2 * m] : (rented = ArrayPool<double>.Shared.Rent(2 * m)).AsSpan(0, 2 * m);
        try
        {
            Split(samples, power, firstBin, lastBin, scratch[..m], scratch[m..]);
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    private void Split(ReadOnlySpan<double> samples, Span<double> power, int firstBin, int lastBin, Span<double> re, Span<double> im)
    {
        var m = Size / 2;
        var pairs = samples.Length / 2;
        for (var n = 0; n < pairs; n++)
        {
            re[n] = samples[2 * n];
            im[n] = samples[2 * n + 1];
        }
        re[pairs..].Clear();
        im[pairs..].Clear();
        if ((samples.Length & 1) == 1) re[pairs] = samples[^1];
        _half.Transform(re, im, inverse: false);
        for (var k = firstBin; k <= lastBin; k++)
        {
            // Z = FFT(even + i·odd); E = (Z[k] + conj Z[m-k]) / 2 is the even samples' spectrum, O = (Z[k] - conj Z[m-k]) / 2i
            // the odd ones'; X[k] = E + e^(-2πik/N)·O.
            var mirror = k == 0 ? 0 : m - k;
            double zr = re[k], zi = im[k], cr = re[mirror], ci = im[mirror];
            var evenRe = (zr + cr) * 0.5;
            var evenIm = (zi - ci) * 0.5;
            var oddRe = (zi + ci) * 0.5;
            var oddIm = (cr - zr) * 0.5;
            double wr = _cos[k], wi = -_sin[k];
            var xr = evenRe + wr * oddRe - wi * oddIm;
            var xi = evenIm + wr * oddIm + wi * oddRe;
            power[k] = xr * xr + xi * xi;
        }
    }
}
