using Parley.Core.Calls.Audio;

namespace Parley.Providers.Speech;

/// <summary>
/// Turns a stream of little-endian 16-bit PCM bytes, arriving in arbitrary chunk sizes, into runs of whole 20 ms
/// frames stamped on a running timeline: each push gives one run of the frames it completed (a network message's audio
/// is one event downstream, not one per frame), and what is short of a frame waits for the next push. Each run owns
/// its array because runs outlive the read buffer.
/// </summary>
internal sealed class PcmFrameSplitter(int sampleRate)
{
    private readonly FrameSlicer<short> _slicer = new(FrameSize.Samples(sampleRate));
    private short[] _decoded = [];
    private int _oddByte = -1;
    private long _emittedSamples;

    public int SampleRate { get; } = sampleRate;

    /// <summary>Adds bytes and returns the whole frames they complete, as one run; null when they complete none.</summary>
    public AudioFrame? Push(ReadOnlySpan<byte> bytes)
    {
        // A sample split across two reads is joined first, then the rest of the read decodes after it.
        var joined = _oddByte >= 0 && bytes.Length > 0 ? 1 : 0;
        var whole = (bytes.Length - joined) & ~1;
        var count = joined + whole / 2;
        if (_decoded.Length < count) _decoded = new short[count];
        if (joined == 1) _decoded[0] = (short)(_oddByte | (bytes[0] << 8));
        Pcm16.ToSamples(bytes.Slice(joined, whole), _decoded.AsSpan(joined, whole / 2));
        if (joined + whole < bytes.Length) _oddByte = bytes[joined + whole];
        else if (joined == 1) _oddByte = -1;
        return Push(_decoded.AsSpan(0, count));
    }

    /// <summary>Adds samples that are already decoded (native engines).</summary>
    public AudioFrame? Push(ReadOnlySpan<short> samples) => _slicer.TakeWholeFrames(samples) is { } run ? Stamp(run) : null;

    /// <summary>Emits the last partial frame, if any.</summary>
    public AudioFrame? Flush() => _slicer.PendingCount == 0 ? null : Stamp(_slicer.TakeLeftover());

    private AudioFrame Stamp(short[] samples)
    {
        var at = FrameSize.DurationOf(_emittedSamples, SampleRate);
        _emittedSamples += samples.Length;
        return new AudioFrame(samples, SampleRate, at);
    }
}
