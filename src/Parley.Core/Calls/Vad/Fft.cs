namespace Parley.Core.Calls.Vad;

/// <summary>In-place iterative radix-2 complex FFT with precomputed twiddles; no allocation per transform.</summary>
public sealed class Fft
{
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly int[] _bitReverse;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentException("size must be a power of two", nameof(size));
        Size = size;
        _cos = new float[size / 2];
        _sin = new float[size / 2];
        for (int i = 0; i < size / 2; i++)
        {
            _cos[i] = (float)Math.Cos(2 * Math.PI * i / size);
            _sin[i] = (float)-Math.Sin(2 * Math.PI * i / size);
        }
        _bitReverse = new int[size];
        int bits = int.Log2(size);
        for (int i = 0; i < size; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _bitReverse[i] = r;
        }
    }

    public int Size { get; }

    /// <summary>Forward transform of (<paramref name="re"/>, <paramref name="im"/>), each exactly <see cref="Size"/> long.</summary>
    public void Forward(Span<float> re, Span<float> im)
    {
        int n = Size;
        if (re.Length != n || im.Length != n) throw new ArgumentException("spans must be Size long");
        for (int i = 0; i < n; i++)
        {
            int j = _bitReverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            int half = length >> 1;
            int step = n / length;
            for (int start = 0; start < n; start += length)
            {
                for (int k = 0; k < half; k++)
                {
                    float wr = _cos[k * step], wi = _sin[k * step];
                    int a = start + k, b = a + half;
                    float tr = re[b] * wr - im[b] * wi;
                    float ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
