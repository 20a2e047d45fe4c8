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
    private readonly int _frameSamples = sampleRate / 50;
    private readonly short[] _pending = new short[sampleRate / 50];
    private short[] _decoded = [];
    private int _pendingCount;
    private int _oddByte = -1;
    private long _emittedSamples;

    public int SampleRate { get; } = sampleRate;

    /// <summary>Adds bytes and returns the whole frames they complete (at most two runs, usually one; often none).</summary>
    public List<AudioFrame> Push(ReadOnlySpan<byte> bytes)
    {
        var runs = new List<AudioFrame>(1);
        if (_oddByte >= 0 && bytes.Length > 0)
        {
            // A sample split across two reads: it completes the pending frame or joins it.
            _pending[_pendingCount++] = (short)(_oddByte | (bytes[0] << 8));
            bytes = bytes[1..];
            _oddByte = -1;
            if (_pendingCount == _frameSamples)
            {
                runs.Add(Stamp(_pending.ToArray()));
                _pendingCount = 0;
            }
        }
        var whole = bytes.Length & ~1;
        if (whole < bytes.Length) _oddByte = bytes[whole];
        if (whole == 0) return runs;
        if (_decoded.Length < whole / 2) _decoded = new short[whole / 2];
        var samples = _decoded.AsSpan(0, whole / 2);
        Pcm16.ToSamples(bytes[..whole], samples);
        Append(samples, runs);
        return runs;
    }

    /// <summary>Adds samples that are already decoded (native engines).</summary>
    public List<AudioFrame> Push(ReadOnlySpan<short> samples)
    {
        var runs = new List<AudioFrame>(1);
        Append(samples, runs);
        return runs;
    }

    /// <summary>Emits the last partial frame, if any.</summary>
    public AudioFrame? Flush()
    {
        if (_pendingCount == 0) return null;
        var frame = Stamp(_pending.AsSpan(0, _pendingCount).ToArray());
        _pendingCount = 0;
        return frame;
    }

    private void Append(ReadOnlySpan<short> samples, List<AudioFrame> runs)
    {
        var frames = (_pendingCount + samples.Length) / _frameSamples;
        if (frames == 0)
        {
            samples.CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += samples.Length;
            return;
        }
        var run = new short[frames * _frameSamples];
        _pending.AsSpan(0, _pendingCount).CopyTo(run);
        var taken = run.Length - _pendingCount;
        samples[..taken].CopyTo(run.AsSpan(_pendingCount));
        var rest = samples[taken..];
        rest.CopyTo(_pending);
        _pendingCount = rest.Length;
        runs.Add(Stamp(run));
    }

    private AudioFrame Stamp(short[] samples)
    {
        var at = TimeSpan.FromTicks(_emittedSamples * TimeSpan.TicksPerSecond / SampleRate);
        _emittedSamples += samples.Length;
        return new AudioFrame(samples, SampleRate, at);
    }
}
