namespace Parley.Core.Calls.Audio;

/// <summary>Sample counts of fixed-duration frames (Vapi's transports prefer 20 ms).</summary>
public static class FrameSize
{
    public const int DefaultMilliseconds = 20;

    public static int Samples(int sampleRate, int milliseconds = DefaultMilliseconds)
    {
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate));
        return checked(sampleRate * milliseconds / 1000);
    }

    public static TimeSpan DurationOf(long samples, int sampleRate) =>
        TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / sampleRate);
}
