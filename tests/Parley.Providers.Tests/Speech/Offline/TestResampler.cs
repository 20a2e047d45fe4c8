namespace Parley.Providers.Tests.Speech.Offline;

/// <summary>
/// Windowed-sinc resampler for tests only (eSpeak's 22050 Hz to PocketSphinx's 16 kHz). Slow but clean: plain
/// linear interpolation aliases eSpeak's 8-11 kHz energy into the band the recogniser listens to.
/// </summary>
internal static class TestResampler
{
    private const int HalfTaps = 16;

    public static short[] Resample(short[] input, int from, int to)
    {
        var output = new short[(int)((long)input.Length * to / from)];
        var cutoff = Math.Min(1.0, (double)to / from) * 0.95;
        for (var i = 0; i < output.Length; i++)
        {
            var pos = (double)i * from / to;
            var centre = (int)pos;
            double sum = 0, norm = 0;
            for (var k = centre - HalfTaps + 1; k <= centre + HalfTaps; k++)
            {
                var x = pos - k;
                var sinc = x == 0 ? 1 : Math.Sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
                var window = 0.5 + 0.5 * Math.Cos(Math.PI * x / HalfTaps);
                var w = sinc * window;
                norm += w;
                if (k >= 0 && k < input.Length) sum += input[k] * w;
            }
            output[i] = (short)Math.Clamp(Math.Round(sum / norm), short.MinValue, short.MaxValue);
        }
        return output;
    }
}
