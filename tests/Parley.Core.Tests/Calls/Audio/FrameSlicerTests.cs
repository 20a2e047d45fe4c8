using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public class FrameSlicerTests
{
    [Fact]
    public void Uneven_writes_come_out_as_exact_frames_in_order()
    {
        var slicer = new FrameSlicer<byte>(FrameSize.Samples(16000) * 2); // 20 ms of PCM16 at 16 kHz = 640 bytes
        var stream = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();
        var frame = new byte[slicer.FrameLength];
        var frames = new List<byte[]>();
        int[] writes = [1, 639, 700, 3, 1000, 657];
        int pos = 0;
        foreach (int size in writes)
        {
            ReadOnlySpan<byte> input = stream.AsSpan(pos, size);
            pos += size;
            while (slicer.TryTakeFrame(ref input, frame)) frames.Add(frame.ToArray());
            Assert.True(input.IsEmpty);
        }

        Assert.Equal(4, frames.Count);
        Assert.Equal(3000 - 4 * 640, slicer.PendingCount);
        for (int f = 0; f < frames.Count; f++) Assert.Equal(stream.AsSpan(f * 640, 640).ToArray(), frames[f]);
    }

    [Fact]
    public void Reset_drops_the_leftover()
    {
        var slicer = new FrameSlicer<short>(160);
        ReadOnlySpan<short> input = new short[100];
        Assert.False(slicer.TryTakeFrame(ref input, new short[160]));
        slicer.Reset();
        Assert.Equal(0, slicer.PendingCount);
    }

    [Fact]
    public void Whole_frames_come_as_one_run_and_the_rest_waits_for_the_next_input_or_the_end()
    {
        var slicer = new FrameSlicer<short>(4);
        short[] Counting(int from, int count) => Enumerable.Range(from, count).Select(i => (short)i).ToArray();

        Assert.Null(slicer.TakeWholeFrames(Counting(0, 3)));
        Assert.Equal(Counting(0, 12), slicer.TakeWholeFrames(Counting(3, 10)));
        Assert.Equal(1, slicer.PendingCount);
        Assert.Equal(Counting(12, 1), slicer.TakeLeftover());
        Assert.Equal(0, slicer.PendingCount);
    }
}
