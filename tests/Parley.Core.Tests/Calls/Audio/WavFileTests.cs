using System.Buffers.Binary;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

// Invariant: a file that lies about its chunks (a first message fetched from anywhere) is an InvalidDataException,
// never an overrun, a negative size or an endless loop.
public sealed class WavFileTests
{
    private static byte[] Header(params (string Id, uint Size, byte[] Body)[] chunks)
    {
        var bytes = new List<byte>();
        bytes.AddRange("RIFF"u8.ToArray());
        bytes.AddRange(new byte[4]);
        bytes.AddRange("WAVE"u8.ToArray());
        foreach (var (id, size, body) in chunks)
        {
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(id));
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, size);
            bytes.AddRange(length);
            bytes.AddRange(body);
        }
        return bytes.ToArray();
    }

    [Fact]
    public void A_fmt_chunk_cut_short_is_invalid_data()
    {
        var bytes = Header(("fmt ", 16, [1, 0, 1, 0]));

        Assert.Equal("the fmt chunk is too short", Assert.Throws<InvalidDataException>(() => WavFile.Read(bytes)).Message);
    }

    [Fact]
    public void A_chunk_that_claims_four_gigabytes_ends_the_walk_instead_of_stalling_it()
    {
        // 0xFFFFFFF8 read as an int was -8: the walk's next step (8 + size) was 0, and it read the same chunk for ever.
        var bytes = Header(("LIST", 0xFFFFFFF8, new byte[8]));

        Assert.Equal("WAV file has no data chunk", Assert.Throws<InvalidDataException>(() => WavFile.Read(bytes)).Message);
    }
}
