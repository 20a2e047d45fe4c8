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

    /// <summary>A buffer of exactly <paramref name="length"/> samples, reused when one is free.</summary>
    public short[] Rent(int length) => Bin(length).Rent(length);

    /// <summary>Hands a buffer back; the caller must not touch it afterwards.</summary>
    public void Return(short[] buffer) => Bin(buffer.Length).Return(buffer);

    private SampleBufferBin Bin(int length) =>
        _bins.TryGetValue(length, out var bin) ? bin : _bins.GetOrAdd(length, static (n, maxBytes) => new SampleBufferBin((int)Math.Clamp(maxBytes / (2L * Math.Max(n, 1)), 1, int.MaxValue)), maxBytesPerLength);
}
