using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public class Pcm16Tests
{
    [Fact]
    public void Bytes_are_read_as_little_endian_samples()
    {
        byte[] bytes = [0x01, 0x00, 0xFF, 0x7F, 0x00, 0x80, 0xFF, 0xFF, 0x42];
        var samples = new short[4];
        Assert.Equal(4, Pcm16.ToSamples(bytes, samples));
        Assert.Equal(new short[] { 1, 32767, -32768, -1 }, samples);
    }

    [Fact]
    public void Samples_round_trip_through_bytes()
    {
        short[] samples = [0, 1, -1, 12345, -12345, short.MaxValue, short.MinValue];
        var bytes = new byte[samples.Length * 2];
        Assert.Equal(14, Pcm16.ToBytes(samples, bytes));
        Assert.Equal(0x39, bytes[6]);
        Assert.Equal(0x30, bytes[7]);
        var back = new short[samples.Length];
        Pcm16.ToSamples(bytes, back);
        Assert.Equal(samples, back);
    }
}
