namespace Parley.Core.Calls.Audio;

/// <summary>
/// A block of mono 16-bit PCM audio with its position on the call's timeline: 20 ms on the wire and in the pacer, a run
/// of whole 20 ms frames from a voice, whatever size a client sends.
/// A small struct so frames move through lanes without allocating; the samples belong to the producer
/// until the consumer has finished with them.
/// </summary>
public readonly record struct AudioFrame(ReadOnlyMemory<short> Samples, int SampleRate, TimeSpan Timestamp)
{
    /// <summary>Length of the frame in time.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Samples.Length * TimeSpan.TicksPerSecond / SampleRate);
}
