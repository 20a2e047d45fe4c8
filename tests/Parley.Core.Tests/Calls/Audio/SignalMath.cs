namespace Parley.Core.Tests.Calls.Audio;

/// <summary>Test signals and measurements.</summary>
internal static class SignalMath
{
    public static short[] Sine(double frequency, int sampleRate, int length, double amplitude = 0.5)
    {
        var samples = new short[length];
        for (int i = 0; i < length; i++) samples[i] = (short)Math.Round(amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        return samples;
    }

    /// <summary>Power of one frequency (Goertzel), normalised so a full-scale sine is about 0.25.</summary>
    public static double Goertzel(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        double w = 2 * Math.PI * frequency / sampleRate, coeff = 2 * Math.Cos(w), s1 = 0, s2 = 0;
        foreach (short x in samples)
        {
            double s0 = x / 32768.0 + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return power / ((double)samples.Length * samples.Length);
    }

    public static int ZeroCrossings(ReadOnlySpan<short> samples)
    {
        int count = 0;
        for (int i = 1; i < samples.Length; i++) if ((samples[i - 1] < 0) != (samples[i] < 0)) count++;
        return count;
    }
}
