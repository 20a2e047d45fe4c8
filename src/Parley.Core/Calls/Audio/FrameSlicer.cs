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

    /// <summary>
    /// The whole frames the leftover and <paramref name="input"/> complete, as one new array (null when they complete
    /// none); what is short of a frame becomes the leftover. For streams handed on in runs rather than frame by frame.
    /// </summary>
    public T[]? TakeWholeFrames(ReadOnlySpan<T> input)
    {
        var length = _pending.Length;
        var frames = (_pendingCount + input.Length) / length;
        T[]? run = null;
        if (frames > 0)
        {
            run = new T[frames * length];
            _pending.AsSpan(0, _pendingCount).CopyTo(run);
            var taken = run.Length - _pendingCount;
            input[..taken].CopyTo(run.AsSpan(_pendingCount));
            input = input[taken..];
            _pendingCount = 0;
        }
        input.CopyTo(_pending.AsSpan(_pendingCount));
        _pendingCount += input.Length;
        return run;
    }

    /// <summary>Hands over the leftover, short of a frame, and forgets it (the end of a stream).</summary>
    public T[] TakeLeftover()
    {
        var rest = _pending.AsSpan(0, _pendingCount).ToArray();
        _pendingCount = 0;
        return rest;
    }

    /// <summary>Forgets the leftover (e.g. after a barge-in clears the stream).</summary>
    public void Reset() => _pendingCount = 0;
}
