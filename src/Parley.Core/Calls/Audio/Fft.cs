using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// In-place radix-2 complex FFT of one fixed power-of-two size, tables built once. It runs on every caller frame
/// (VAD, denoising), so the butterflies index through refs: the JIT cannot prove the strided indices in range.
/// </summary>
public sealed class Fft
{
    private readonly int[] _reverse;
    // Each stage's twiddles side by side (stage with half-length h at [h, 2h)), so a vector loads four at once.
    private readonly double[] _stageCos;
    private readonly double[] _stageSin;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "must be a power of two");
        Size = size;
        _stageCos = new double[size];
        _stageSin = new double[size];
        for (var half = 1; half < size; half <<= 1)
        {
            for (var k = 0; k < half; k++)
            {
                _stageCos[half + k] = Math.Cos(Math.PI * k / half);
                _stageSin[half + k] = Math.Sin(Math.PI * k / half);
            }
        }
        _reverse = new int[size];
        var bits = int.Log2(size);
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _reverse[i] = r;
        }
    }

    public int Size { get; }

    /// <summary>The one instance for <paramref name="size"/> points: it holds only read-only tables, so any thread may use it.</summary>
    public static Fft Shared(int size) => BySize.GetOrAdd(size, static n => new Fft(n));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Fft> BySize = new();

    /// <summary>Forward transform (e^-i) when <paramref name="inverse"/> is false; the inverse is scaled by 1/N.</summary>
    public void Transform(Span<double> re, Span<double> im, bool inverse)
    {
        var n = Size;
        if (re.Length != n || im.Length != n) throw new ArgumentException($"re and im must be exactly {n} long");
        ref var r0 = ref MemoryMarshal.GetReference(re);
        ref var i0 = ref MemoryMarshal.GetReference(im);
        ref var rev0 = ref MemoryMarshal.GetArrayDataReference(_reverse);
        for (var i = 0; i < n; i++)
        {
            var j = Unsafe.Add(ref rev0, i);
            if (j <= i) continue;
            (Unsafe.Add(ref r0, i), Unsafe.Add(ref r0, j)) = (Unsafe.Add(ref r0, j), Unsafe.Add(ref r0, i));
            (Unsafe.Add(ref i0, i), Unsafe.Add(ref i0, j)) = (Unsafe.Add(ref i0, j), Unsafe.Add(ref i0, i));
        }
        // Length-2 butterflies have the twiddle 1: a sum and a difference, no multiplications.
        for (var a = 0; a < n; a += 2)
        {
            ref var ra = ref Unsafe.Add(ref r0, a);
            ref var ia = ref Unsafe.Add(ref i0, a);
            ref var rb = ref Unsafe.Add(ref ra, 1);
            ref var ib = ref Unsafe.Add(ref ia, 1);
            double tr = rb, ti = ib;
            rb = ra - tr;
            ib = ia - ti;
            ra += tr;
            ia += ti;
        }
        var sign = inverse ? 1.0 : -1.0;
        for (var len = 4; len <= n; len <<= 1)
        {
            var half = len >> 1;
            if (Vector256.IsHardwareAccelerated && half >= Vector256<double>.Count) VectorStage(ref r0, ref i0, n, half, sign);
            else ScalarStage(ref r0, ref i0, n, half, sign);
        }
        if (!inverse) return;
        var scale = 1.0 / n;
        for (var i = 0; i < n; i++)
        {
            re[i] *= scale;
            im[i] *= scale;
        }
    }

    private void ScalarStage(ref double r0, ref double i0, int n, int half, double sign)
    {
        ref var cos0 = ref MemoryMarshal.GetArrayDataReference(_stageCos);
        ref var sin0 = ref MemoryMarshal.GetArrayDataReference(_stageSin);
        var len = half << 1;
        // Twiddle-major order: each twiddle is loaded once per stage, not once per butterfly.
        for (var k = 0; k < half; k++)
        {
            var wr = Unsafe.Add(ref cos0, half + k);
            var wi = sign * Unsafe.Add(ref sin0, half + k);
            for (var a = k; a < n; a += len)
            {
                ref var ra = ref Unsafe.Add(ref r0, a);
                ref var ia = ref Unsafe.Add(ref i0, a);
                ref var rb = ref Unsafe.Add(ref ra, half);
                ref var ib = ref Unsafe.Add(ref ia, half);
                var tr = rb * wr - ib * wi;
                var ti = rb * wi + ib * wr;
                rb = ra - tr;
                ib = ia - ti;
                ra += tr;
                ia += ti;
            }
        }
    }

    /// <summary>Four butterflies at a time: within a block, consecutive butterflies use consecutive twiddles.</summary>
    private void VectorStage(ref double r0, ref double i0, int n, int half, double sign)
    {
        ref var cos0 = ref MemoryMarshal.GetArrayDataReference(_stageCos);
        ref var sin0 = ref MemoryMarshal.GetArrayDataReference(_stageSin);
        var signs = Vector256.Create(sign);
        var len = half << 1;
        for (var start = 0; start < n; start += len)
        {
            for (var k = 0; k < half; k += Vector256<double>.Count)
            {
                var wr = Vector256.LoadUnsafe(ref cos0, (nuint)(half + k));
                var wi = Vector256.LoadUnsafe(ref sin0, (nuint)(half + k)) * signs;
                var a = (nuint)(start + k);
                var b = a + (nuint)half;
                var ra = Vector256.LoadUnsafe(ref r0, a);
                var ia = Vector256.LoadUnsafe(ref i0, a);
                var rb = Vector256.LoadUnsafe(ref r0, b);
                var ib = Vector256.LoadUnsafe(ref i0, b);
                var tr = rb * wr - ib * wi;
                var ti = rb * wi + ib * wr;
                (ra - tr).StoreUnsafe(ref r0, b);
                (ia - ti).StoreUnsafe(ref i0, b);
                (ra + tr).StoreUnsafe(ref r0, a);
                (ia + ti).StoreUnsafe(ref i0, a);
            }
        }
    }
}
