namespace Parley.Core.Calls.Audio;

/// <summary>
/// A block of mono 16-bit PCM audio (normally 20 ms) with its position on the call's timeline.
/// A small struct so frames move through lanes without allocating; the samples belong to the producer
/// until the consumer has finished with them.
/// </summary>
public readonly record struct AudioFrame(ReadOnlyMemory<short> Samples, int SampleRate, TimeSpan Timestamp)
{
    /// <summary>Length of the frame in time.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Samples.Length * TimeSpan.TicksPerSecond / SampleRate);
}
