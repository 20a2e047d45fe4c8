namespace Parley.Core.Calls.Audio;

/// <summary>
/// One user's way into a <see cref="SampleBufferPool"/>, for whole 20 ms frames only: a client may send frames of any
/// size, and a pool bin per size would be pinned memory for the life of the process at the client's choosing; other
/// sizes are the caller's to allocate. The bin of the last frame size is kept (a call's frames are all one size), so a
/// frame costs no lookup. Any thread: a race only looks the same bin up twice.
/// </summary>
internal sealed class FrameBuffers(SampleBufferPool pool)
{
    private SampleBufferBin? _bin;

    /// <summary>A pooled buffer for a whole 20 ms frame at <paramref name="sampleRate"/>; null for any other length.</summary>
    public short[]? Rent(int sampleRate, int length) => IsWholeFrame(sampleRate, length) ? BinFor(length).Rent() : null;

    /// <summary>
    /// Hands back a buffer <see cref="Rent"/> gave (the caller must not touch it afterwards). A buffer of another length
    /// never came from the pool and is left to the GC.
    /// </summary>
    public void Return(short[] buffer, int sampleRate)
    {
        if (IsWholeFrame(sampleRate, buffer.Length)) BinFor(buffer.Length).Return(buffer);
    }

    private static bool IsWholeFrame(int sampleRate, int length) => sampleRate > 0 && length == FrameSize.Samples(sampleRate);

    private SampleBufferBin BinFor(int length) =>
        Volatile.Read(ref _bin) is { } known && known.Length == length ? known : _bin = pool.Bin(length);
}
