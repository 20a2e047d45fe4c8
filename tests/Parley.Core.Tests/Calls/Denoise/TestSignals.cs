namespace Parley.Core.Tests.Calls.Denoise;

/// <summary>Deterministic test signals and the SNR arithmetic the denoiser tests share.</summary>
internal static class TestSignals
{
    /// <summary>Gaussian white noise at an RMS level in dBFS, from a fixed seed.</summary>
    public static double[] WhiteNoise(int length, double levelDb, int seed = 7)
    {
        var random = new Random(seed);
        var rms = 32768 * Math.Pow(10, levelDb / 20);
        var noise = new double[length];
        for (var i = 0; i < length; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            noise[i] = rms * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return noise;
    }

    /// <summary>Voiced-speech stand-in: 150 Hz harmonics in 600 ms bursts separated by 400 ms pauses.</summary>
    public static double[] HarmonicBursts(int length, int sampleRate, double amplitude = 6000)
    {
        var signal = new double[length];
        for (var i = 0; i < length; i++)
        {
            var t = (double)i / sampleRate;
            if (t % 1.0 >= 0.6) continue;
            for (var h = 1; h <= 8; h++) signal[i] += amplitude / h * Math.Sin(2 * Math.PI * 150 * h * t);
        }
        return signal;
    }

    public static short[] Mix(double[] a, double[] b) =>
        a.Select((x, i) => (short)Math.Clamp(Math.Round(x + b[i]), short.MinValue, short.MaxValue)).ToArray();

    /// <summary>Runs the denoiser over 20 ms frames, in place on a copy.</summary>
    public static short[] Run(Parley.Core.Calls.Denoise.IAudioDenoiser denoiser, short[] input, int sampleRate)
    {
        var output = (short[])input.Clone();
        var frame = sampleRate / 50;
        for (var i = 0; i + frame <= output.Length; i += frame)
            Assert.Equal(Parley.Core.Calls.Denoise.DenoiseResult.Ok, denoiser.Process(output.AsSpan(i, frame)));
        return output;
    }

    /// <summary>10·log10(clean energy / energy of everything that is not the clean signal), skipping the warm-up.</summary>
    public static double Snr(double[] clean, short[] processed, int delay, int skip)
    {
        double signal = 0, error = 0;
        for (var i = skip; i + delay < processed.Length && i < clean.Length; i++)
        {
            signal += clean[i] * clean[i];
            var e = processed[i + delay] - clean[i];
            error += e * e;
        }
        return 10 * Math.Log10(signal / error);
    }
}
