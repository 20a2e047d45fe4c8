using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// In-place radix-2 complex FFT of one fixed power-of-two size, tables built once. It runs on every caller frame
/// (VAD, denoising), so the butterflies index through refs: the JIT cannot prove the strided indices in range.
/// </summary>
public sealed class Fft
{
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _reverse;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "must be a power of two");
        Size = size;
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (var i = 0; i < size / 2; i++)
        {
            _cos[i] = Math.Cos(2 * Math.PI * i / size);
            _sin[i] = Math.Sin(2 * Math.PI * i / size);
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

    /// <summary>Forward transform (e^-i) when <paramref name="inverse"/> is false; the inverse is scaled by 1/N.</summary>
    public void Transform(Span<double> re, Span<double> im, bool inverse)
    {
        var n = Size;
        if (re.Length != n || im.Length != n) throw new ArgumentException($"re and im must be exactly {n} long");
        ref var r0 = ref MemoryMarshal.GetReference(re);
        ref var i0 = ref MemoryMarshal.GetReference(im);
        ref var cos0 = ref MemoryMarshal.GetArrayDataReference(_cos);
        ref var sin0 = ref MemoryMarshal.GetArrayDataReference(_sin);
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
            var step = n / len;
            // Twiddle-major order: each twiddle is loaded once per stage, not once per butterfly.
            for (var k = 0; k < half; k++)
            {
                var wr = Unsafe.Add(ref cos0, k * step);
                var wi = sign * Unsafe.Add(ref sin0, k * step);
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
        if (!inverse) return;
        var scale = 1.0 / n;
        for (var i = 0; i < n; i++)
        {
            re[i] *= scale;
            im[i] *= scale;
        }
    }
}
