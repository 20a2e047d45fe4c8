namespace Parley.Core.Calls.Audio;

/// <summary>
/// Cuts an arbitrary stream of elements (PCM16 bytes, μ-law bytes or samples) into frames of exactly
/// <see cref="FrameLength"/> elements, carrying the leftover between writes.
/// </summary>
/// <example><code>while (slicer.TryTakeFrame(ref input, frame)) Handle(frame);</code></example>
public sealed class FrameSlicer<T> where T : unmanaged
{
    private readonly T[] _pending;
    private int _pendingCount;

    public FrameSlicer(int frameLength)
    {
        if (frameLength <= 0) throw new ArgumentOutOfRangeException(nameof(frameLength));
        _pending = new T[frameLength];
    }

    public int FrameLength => _pending.Length;

    /// <summary>Elements held back from earlier writes, waiting for the rest of their frame.</summary>
    public int PendingCount => _pendingCount;

    /// <summary>
    /// Fills <paramref name="frame"/> from the leftover and then from <paramref name="input"/>, advancing it.
    /// Returns false, keeping the remainder as leftover, when the input ends before a frame is complete.
    /// </summary>
    public bool TryTakeFrame(ref ReadOnlySpan<T> input, Span<T> frame)
    {
        int length = _pending.Length;
        if (frame.Length < length) throw new ArgumentException("frame is shorter than FrameLength", nameof(frame));
        int needed = length - _pendingCount;
        if (input.Length < needed)
        {
            input.CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += input.Length;
            input = default;
            return false;
        }
        _pending.AsSpan(0, _pendingCount).CopyTo(frame);
        input[..needed].CopyTo(frame[_pendingCount..]);
        input = input[needed..];
        _pendingCount = 0;
        return true;
    }

    /// <summary>Forgets the leftover (e.g. after a barge-in clears the stream).</summary>
    public void Reset() => _pendingCount = 0;
}
