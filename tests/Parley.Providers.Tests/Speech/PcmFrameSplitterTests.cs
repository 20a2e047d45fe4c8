using System.Buffers.Binary;
using Parley.Providers.Speech;

namespace Parley.Providers.Tests.Speech;

public sealed class PcmFrameSplitterTests
{
    private static byte[] Pcm(int from, int count)
    {
        var bytes = new byte[count * 2];
        for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)(from + i));
        return bytes;
    }

    [Fact]
    public void A_read_becomes_one_run_of_the_whole_frames_it_completes_and_the_rest_waits()
    {
        // 8 kHz: a 20 ms frame is 160 samples.
        var splitter = new PcmFrameSplitter(8000);

        var first = splitter.Push(Pcm(0, 500))!.Value;
        Assert.Equal(480, first.Samples.Length);
        Assert.Equal(TimeSpan.Zero, first.Timestamp);
        Assert.Null(splitter.Push(Pcm(500, 100)));

        // 20 waiting + 100 + 40 more complete one frame.
        var second = splitter.Push(Pcm(600, 40))!.Value;
        Assert.Equal(Enumerable.Range(480, 160).Select(i => (short)i), second.Samples.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(60), second.Timestamp);
        Assert.Null(splitter.Flush());
    }

    // A sample split between two reads is joined: when it is the last of a frame (byte 319 of 330 samples), the frame
    // it completes joins one run with the rest of the read; inside a frame (byte 317 of 170), it simply waits with it.
    [Theory]
    [InlineData(330, 319, 320)]
    [InlineData(170, 317, 160)]
    public void A_sample_split_between_reads_is_joined_and_the_tail_is_flushed(int samples, int splitAtByte, int runSamples)
    {
        var splitter = new PcmFrameSplitter(8000);
        var bytes = Pcm(0, samples);

        Assert.Null(splitter.Push(bytes.AsSpan(0, splitAtByte)));
        var run = splitter.Push(bytes.AsSpan(splitAtByte))!.Value;
        var tail = splitter.Flush();

        Assert.Equal(Enumerable.Range(0, runSamples).Select(i => (short)i), run.Samples.ToArray());
        Assert.Equal(TimeSpan.Zero, run.Timestamp);
        Assert.NotNull(tail);
        Assert.Equal(Enumerable.Range(runSamples, samples - runSamples).Select(i => (short)i), tail.Value.Samples.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(runSamples / 8), tail.Value.Timestamp);
    }
}
