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

    [Fact]
    public void A_split_sample_that_completes_a_frame_joins_one_run_with_the_rest_of_the_read()
    {
        var splitter = new PcmFrameSplitter(8000);
        var bytes = Pcm(0, 330);

        Assert.Null(splitter.Push(bytes.AsSpan(0, 319)));
        var run = splitter.Push(bytes.AsSpan(319))!.Value;

        Assert.Equal(Enumerable.Range(0, 320).Select(i => (short)i), run.Samples.ToArray());
        Assert.Equal(TimeSpan.Zero, run.Timestamp);
        var tail = splitter.Flush()!.Value;
        Assert.Equal(Enumerable.Range(320, 10).Select(i => (short)i), tail.Samples.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(40), tail.Timestamp);
    }

    [Fact]
    public void A_sample_split_between_reads_is_joined_and_the_tail_is_flushed()
    {
        var splitter = new PcmFrameSplitter(8000);
        var bytes = Pcm(0, 170);

        Assert.Null(splitter.Push(bytes.AsSpan(0, 317)));
        var run = splitter.Push(bytes.AsSpan(317))!.Value;
        var tail = splitter.Flush();

        Assert.Equal(Enumerable.Range(0, 160).Select(i => (short)i), run.Samples.ToArray());
        Assert.NotNull(tail);
        Assert.Equal(Enumerable.Range(160, 10).Select(i => (short)i), tail.Value.Samples.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(20), tail.Value.Timestamp);
    }
}
