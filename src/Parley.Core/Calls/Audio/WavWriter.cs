using System.Buffers.Binary;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// Writes a RIFF/WAVE PCM16 file to a stream. Sizes are patched in <see cref="Complete"/> when the stream
/// can seek; otherwise pass the expected sample count up front.
/// </summary>
public sealed class WavWriter
{
    public const int HeaderLength = 44;
    private readonly Stream _stream;
    private readonly long _start;
    private readonly byte[] _scratch = new byte[4096];
    private long _dataBytes;

    public WavWriter(Stream stream, int sampleRate, int channels, long expectedSamples = 0)
    {
        _stream = stream;
        SampleRate = sampleRate;
        Channels = channels;
        _start = stream.CanSeek ? stream.Position : 0;
        Span<byte> header = stackalloc byte[HeaderLength];
        WriteHeader(header, sampleRate, channels, expectedSamples * 2);
        stream.Write(header);
    }

    public int SampleRate { get; }
    public int Channels { get; }

    /// <summary>Appends interleaved samples.</summary>
    public void Write(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty)
        {
            int count = Math.Min(samples.Length, _scratch.Length / 2);
            int bytes = Pcm16.ToBytes(samples[..count], _scratch);
            _stream.Write(_scratch, 0, bytes);
            _dataBytes += bytes;
            samples = samples[count..];
        }
    }

    /// <summary>Fixes the RIFF and data sizes in the header (seekable streams) and flushes.</summary>
    public void Complete()
    {
        if (_stream.CanSeek)
        {
            long end = _stream.Position;
            Span<byte> header = stackalloc byte[HeaderLength];
            WriteHeader(header, SampleRate, Channels, _dataBytes);
            _stream.Position = _start;
            _stream.Write(header);
            _stream.Position = end;
        }
        _stream.Flush();
    }

    /// <summary>The 44-byte header of a PCM16 file holding <paramref name="dataBytes"/> of samples.</summary>
    public static void WriteHeader(Span<byte> h, int sampleRate, int channels, long dataBytes)
    {
        uint data = (uint)Math.Min(dataBytes, uint.MaxValue - 36);
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], 36 + data);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)(sampleRate * channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], 16);
        "data"u8.CopyTo(h[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[40..], data);
    }
}
