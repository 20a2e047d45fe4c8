using System.Buffers.Binary;
using Parley.Core.Calls.Audio;

namespace Parley.Providers.Speech;

/// <summary>
/// Turns a stream of little-endian 16-bit PCM bytes, arriving in arbitrary chunk sizes, into frames of at most
/// 20 ms stamped on a running timeline. Each emitted frame owns its array because frames outlive the read buffer.
/// </summary>
internal sealed class PcmFrameSplitter(int sampleRate)
{
    private readonly int _frameSamples = sampleRate / 50;
    private readonly short[] _pending = new short[sampleRate / 50];
    private int _pendingCount;
    private int _oddByte = -1;
    private long _emittedSamples;

    public int SampleRate { get; } = sampleRate;

    /// <summary>Adds bytes and returns every full frame they complete.</summary>
    public List<AudioFrame> Push(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<AudioFrame>();
        if (_oddByte >= 0 && bytes.Length > 0)
        {
            Add((short)(_oddByte | (bytes[0] << 8)), frames);
            bytes = bytes[1..];
            _oddByte = -1;
        }
        var whole = bytes.Length & ~1;
        for (var i = 0; i < whole; i += 2) Add(BinaryPrimitives.ReadInt16LittleEndian(bytes[i..]), frames);
        if (whole < bytes.Length) _oddByte = bytes[whole];
        return frames;
    }

    /// <summary>Adds samples that are already decoded (native engines).</summary>
    public List<AudioFrame> Push(ReadOnlySpan<short> samples)
    {
        var frames = new List<AudioFrame>();
        foreach (var s in samples) Add(s, frames);
        return frames;
    }

    /// <summary>Emits the last partial frame, if any.</summary>
    public AudioFrame? Flush()
    {
        if (_pendingCount == 0) return null;
        var frame = Emit(_pendingCount);
        _pendingCount = 0;
        return frame;
    }

    private void Add(short sample, List<AudioFrame> frames)
    {
        _pending[_pendingCount++] = sample;
        if (_pendingCount < _frameSamples) return;
        frames.Add(Emit(_pendingCount));
        _pendingCount = 0;
    }

    private AudioFrame Emit(int count)
    {
        var copy = _pending.AsSpan(0, count).ToArray();
        var at = TimeSpan.FromTicks(_emittedSamples * TimeSpan.TicksPerSecond / SampleRate);
        _emittedSamples += count;
        return new AudioFrame(copy, SampleRate, at);
    }
}
