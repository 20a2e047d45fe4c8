using System.Buffers.Binary;

namespace Parley.Core.Calls.Audio;

/// <summary>A decoded PCM16 WAV file (used for fixtures and recordings, not on the call path).</summary>
public sealed record WavFile(short[] Samples, int SampleRate, int Channels)
{
    /// <summary>Reads a RIFF/WAVE PCM16 file, skipping chunks other than fmt and data.</summary>
    public static WavFile Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException("not a RIFF/WAVE file");
        // Sizes are read as the file states them and checked against what is there: a file from elsewhere (a first
        // message's URL) may lie, and a lie must be an InvalidDataException, not an overrun or an endless loop.
        long pos = 12;
        int rate = 0, channels = 0, bits = 0;
        while (pos + 8 <= bytes.Length)
        {
            var id = bytes.Slice((int)pos, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(int)(pos + 4)..]);
            var body = bytes[(int)(pos + 8)..];
            if (id.SequenceEqual("fmt "u8))
            {
                if (body.Length < 16 || size < 16) throw new InvalidDataException("the fmt chunk is too short");
                if (BinaryPrimitives.ReadUInt16LittleEndian(body) != 1) throw new InvalidDataException("only PCM WAV is supported");
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (bits != 16) throw new InvalidDataException("only 16-bit WAV is supported");
                // Streaming writers (espeak-ng to a pipe) leave the size unset; take what is there.
                int available = (int)Math.Min(size == 0 || size > body.Length ? body.Length : size, body.Length) & ~1;
                var samples = new short[available / 2];
                Pcm16.ToSamples(body[..available], samples);
                return new WavFile(samples, rate, channels);
            }
            pos += 8 + size + (size & 1);
        }
        throw new InvalidDataException("WAV file has no data chunk");
    }
}
