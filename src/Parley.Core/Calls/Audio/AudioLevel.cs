namespace Parley.Core.Calls.Audio;

/// <summary>Signal level helpers: RMS relative to full scale and dBFS.</summary>
public static class AudioLevel
{
    /// <summary>Floor returned for digital silence, so callers never see negative infinity.</summary>
    public const double SilenceDbfs = -120.0;

    /// <summary>Root mean square with 1.0 = full scale (32768).</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (short s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length) / 32768.0;
    }

    /// <summary>RMS in dB relative to full scale: a full-scale square wave is 0 dBFS, a full-scale sine about -3 dBFS.</summary>
    public static double Dbfs(ReadOnlySpan<short> samples) => ToDbfs(Rms(samples));

    public static double ToDbfs(double rms) => rms <= 0 ? SilenceDbfs : Math.Max(SilenceDbfs, 20.0 * Math.Log10(rms));
}
