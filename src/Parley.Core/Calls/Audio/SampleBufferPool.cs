using System.Collections.Concurrent;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// Sample buffers shared by many queues of audio, one <see cref="SampleBufferBin"/> per buffer length (20 ms frames
/// come in a few sizes, one per call rate). Any thread.
/// </summary>
public sealed class SampleBufferPool(int maxKeptPerLength)
{
    /// <summary>
    /// The process's playout buffers: a frame's buffer goes back as soon as it has played, so the process keeps about
    /// what all calls have queued at one moment (capped at 65,536 per size, 42 MB of 16 kHz frames), not every call's
    /// longest reply for as long as the call lasts.
    /// </summary>
    public static SampleBufferPool Shared { get; } = new(65_536);

    private readonly ConcurrentDictionary<int, SampleBufferBin> _bins = new();

    /// <summary>A buffer of exactly <paramref name="length"/> samples, reused when one is free.</summary>
    public short[] Rent(int length) => Bin(length).Rent(length);

    /// <summary>Hands a buffer back; the caller must not touch it afterwards.</summary>
    public void Return(short[] buffer) => Bin(buffer.Length).Return(buffer);

    private SampleBufferBin Bin(int length) =>
        _bins.TryGetValue(length, out var bin) ? bin : _bins.GetOrAdd(length, static (_, max) => new SampleBufferBin(max), maxKeptPerLength);
}
