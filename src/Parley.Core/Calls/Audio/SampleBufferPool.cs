using System.Collections.Concurrent;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// Sample buffers shared by many queues of audio, one <see cref="SampleBufferBin"/> per buffer length (20 ms frames
/// come in a few sizes, one per call rate). Any thread. A buffer handed out may have carried another call's audio.
/// </summary>
/// <param name="maxBytesPerLength">What each size's bin may keep: buffers returned beyond it are left to the GC.</param>
public sealed class SampleBufferPool(long maxBytesPerLength)
{
    /// <summary>
    /// The process's playout buffers: a frame's buffer goes back as soon as it has played, so the pool grows to the most
    /// all calls have had queued at one moment (and keeps that), not to every call's longest reply for as long as the
    /// call lasts. Up to 32 MB per frame size: 25,600 frames of 16 kHz audio.
    /// </summary>
    public static SampleBufferPool Shared { get; } = new(32L << 20);

    private readonly ConcurrentDictionary<int, SampleBufferBin> _bins = new();

    /// <summary>The bin of buffers of <paramref name="length"/> samples; a user of one frame size keeps it.</summary>
    public SampleBufferBin Bin(int length) =>
        _bins.GetOrAdd(length, static (n, maxBytes) => new SampleBufferBin(n, (int)Math.Clamp(maxBytes / (2L * Math.Max(n, 1)), 1, int.MaxValue)), maxBytesPerLength);
}
