using System.Numerics;
using System.Runtime.InteropServices;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// Streaming polyphase windowed-sinc (Kaiser) resampler for mono PCM16. Filter state is carried between
/// calls, so feeding 20 ms chunks gives exactly the samples one-shot processing would. Nothing is
/// allocated after construction.
/// </summary>
public sealed class Resampler
{
    // 16 zero crossings each side with Kaiser beta 8 gives roughly 80 dB stopband; measured in ResamplerTests.
    private const int ZeroCrossings = 16;
    private const double KaiserBeta = 8.0;
    // Passband edge as a fraction of the lower Nyquist: leaves a transition band so 20 ms phone audio keeps 3.4 kHz.
    private const double Rolloff = 0.92;
    private const int BlockSize = 2048;

    private readonly int _up;    // L: output steps per input step
    private readonly int _down;  // M
    private readonly int _taps;
    // Each phase's row is padded with zero coefficients to whole vectors, so the dot product has no scalar tail.
    private readonly int _stride;
    private readonly int _half;
    private readonly float[] _coefficients; // _up phases of _stride each (the last _stride - _taps are zero)
    private readonly float[] _buffer;
    private readonly int _capacity;
    private int _filled;
    private int _index;
    private int _phase;

    /// <summary>A whole recording at another rate in one call (fixtures, a first message's file); the same rate is returned as it is.</summary>
    /// <exception cref="ArgumentException">The rates' ratio needs too many filter phases (say 44101 Hz to 16 kHz).</exception>
    public static short[] Convert(short[] samples, int inputRate, int outputRate)
    {
        if (inputRate == outputRate) return samples;
        var resampler = new Resampler(inputRate, outputRate);
        var output = new short[resampler.MaxOutputLength(samples.Length) + resampler.MaxOutputLength(0)];
        var written = resampler.Process(samples, output);
        written += resampler.Flush(output.AsSpan(written));
        return output[..written];
    }

    public Resampler(int inputRate, int outputRate)
    {
        if (inputRate <= 0) throw new ArgumentOutOfRangeException(nameof(inputRate));
        if (outputRate <= 0) throw new ArgumentOutOfRangeException(nameof(outputRate));
        InputRate = inputRate;
        OutputRate = outputRate;
        int gcd = Gcd(inputRate, outputRate);
        _up = outputRate / gcd;
        _down = inputRate / gcd;
        if (_up > 4096) throw new ArgumentException($"rate ratio {outputRate}/{inputRate} needs too many phases");

        double cutoff = Math.Min(1.0, (double)outputRate / inputRate) * Rolloff; // relative to input Nyquist
        _half = (int)Math.Ceiling(ZeroCrossings / cutoff);
        _taps = 2 * _half;
        _stride = Vector.IsHardwareAccelerated ? (_taps + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count : _taps;
        _coefficients = BuildBank(_up, _taps, _stride, _half, cutoff);
        // The padded taps read past the newest sample; the extra room keeps those reads inside the buffer (they meet zeros).
        _buffer = new float[_taps + BlockSize + _stride - _taps];
        _capacity = _taps + BlockSize;
        Reset();
    }

    public int InputRate { get; }
    public int OutputRate { get; }

    /// <summary>Delay added by the filter, in input samples (half the filter length).</summary>
    public int LatencyInputSamples => _half;

    /// <summary>An output length that is always enough for one <see cref="Process"/> call with this many input samples.</summary>
    public int MaxOutputLength(int inputLength) =>
        (int)(((long)(inputLength + _taps) * _up + _down - 1) / _down) + 1;

    /// <summary>Clears the filter history (e.g. when a new stream starts).</summary>
    public void Reset()
    {
        Array.Clear(_buffer);
        // History of zeros so the first output is centred on input sample 0.
        _filled = _half - 1;
        _index = _half - 1;
        _phase = 0;
    }

    /// <summary>
    /// Resamples <paramref name="input"/> into <paramref name="output"/> and returns the samples written.
    /// Outputs that need samples not yet seen stay pending until the next call or <see cref="Flush"/>.
    /// </summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        int written = 0;
        while (true)
        {
            int space = _capacity - _filled;
            int take = Math.Min(space, input.Length);
            for (int i = 0; i < take; i++) _buffer[_filled + i] = input[i];
            _filled += take;
            input = input[take..];
            int produced = Produce(output[written..], int.MaxValue);
            written += produced;
            Compact();
            if (input.IsEmpty) return written;
            if (take == 0 && produced == 0) throw new ArgumentException("output is too short; size it with MaxOutputLength", nameof(output));
        }
    }

    /// <summary>
    /// Ends the stream: emits the outputs still waiting for look-ahead (padding with silence) and resets.
    /// Returns the samples written.
    /// </summary>
    public int Flush(Span<short> output)
    {
        int realEnd = _filled;
        _buffer.AsSpan(_filled, _half).Clear();
        _filled += _half;
        int written = Produce(output, realEnd);
        Reset();
        return written;
    }

    private int Produce(Span<short> output, int indexLimit)
    {
        int written = 0;
        var buffer = _buffer;
        var bank = _coefficients;
        while (_index + _half < _filled && _index < indexLimit && written < output.Length)
        {
            int start = _index - _half + 1;
            var x = buffer.AsSpan(start, _stride);
            var h = bank.AsSpan(_phase * _stride, _stride);
            output[written++] = ToShort(Dot(h, x));
            _phase += _down;
            _index += _phase / _up;
            _phase %= _up;
        }
        return written;
    }

    // SIMD dot product; the summation order is fixed per output sample, so chunked and one-shot runs stay bit-identical.
    private static float Dot(ReadOnlySpan<float> h, ReadOnlySpan<float> x)
    {
        int k = 0;
        float acc = 0;
        if (Vector.IsHardwareAccelerated && h.Length >= Vector<float>.Count)
        {
            ref var h0 = ref MemoryMarshal.GetReference(h);
            ref var x0 = ref MemoryMarshal.GetReference(x);
            var sum = Vector<float>.Zero;
            for (; k <= h.Length - Vector<float>.Count; k += Vector<float>.Count)
                sum += Vector.LoadUnsafe(ref h0, (nuint)k) * Vector.LoadUnsafe(ref x0, (nuint)k);
            acc = Vector.Sum(sum);
        }
        for (; k < h.Length; k++) acc += h[k] * x[k];
        return acc;
    }

    private void Compact()
    {
        int keepFrom = Math.Min(_index - _half + 1, _filled);
        if (keepFrom <= 0) return;
        Array.Copy(_buffer, keepFrom, _buffer, 0, _filled - keepFrom);
        _filled -= keepFrom;
        _index -= keepFrom;
    }

    private static short ToShort(float value)
    {
        float rounded = MathF.Round(value);
        if (rounded > short.MaxValue) return short.MaxValue;
        if (rounded < short.MinValue) return short.MinValue;
        return (short)rounded;
    }

    private static float[] BuildBank(int phases, int taps, int stride, int half, double cutoff)
    {
        var bank = new float[phases * stride];
        double i0Beta = BesselI0(KaiserBeta);
        for (int p = 0; p < phases; p++)
        {
            double frac = (double)p / phases;
            double sum = 0;
            for (int k = 0; k < taps; k++)
            {
                // Distance from the output instant (base + frac) to input sample (base - half + 1 + k).
                double d = frac + half - 1 - k;
                double r = d / half;
                double window = Math.Abs(r) >= 1 ? 0 : BesselI0(KaiserBeta * Math.Sqrt(1 - r * r)) / i0Beta;
                double value = cutoff * Sinc(cutoff * d) * window;
                bank[p * stride + k] = (float)value;
                sum += value;
            }
            // Unity gain at DC for every phase, so a constant input stays constant.
            for (int k = 0; k < taps; k++) bank[p * stride + k] = (float)(bank[p * stride + k] / sum);
        }
        return bank;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, halfX = x / 2;
        for (int k = 1; k < 50; k++)
        {
            term *= halfX / k;
            sum += term * term;
            if (term * term < sum * 1e-17) break;
        }
        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
