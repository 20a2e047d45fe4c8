using Parley.Core.Calls.Audio;
using Parley.Core.Tests.Support;

namespace Parley.Core.Tests.Calls.Audio;

public sealed class FrameRingTests
{
    [Fact]
    public void A_buffer_comes_back_only_after_every_other_slot_was_used()
    {
        var ring = new FrameRing(slots: 4);
        var first = SampleBuffers.ArrayOf(ring.Take(320));
        var next = Enumerable.Range(0, 3).Select(_ => SampleBuffers.ArrayOf(ring.Take(320))).ToList();

        Assert.All(next, buffer => Assert.NotSame(first, buffer));
        Assert.Same(first, SampleBuffers.ArrayOf(ring.Take(320)));
    }

    [Fact]
    public void A_slot_grows_for_a_longer_frame_and_serves_shorter_ones_after()
    {
        var ring = new FrameRing(slots: 2);
        var small = ring.Take(160);
        ring.Take(160);
        var large = ring.Take(960);
        ring.Take(160);
        var again = ring.Take(320);

        Assert.Equal(960, large.Length);
        Assert.NotSame(SampleBuffers.ArrayOf(small), SampleBuffers.ArrayOf(large));
        Assert.Same(SampleBuffers.ArrayOf(large), SampleBuffers.ArrayOf(again));
        Assert.Equal(320, again.Length);
    }

    [Fact]
    public void Nothing_is_allocated_once_every_slot_has_been_used()
    {
        var ring = new FrameRing(128);
        for (var i = 0; i < 3 * ring.Slots; i++) ring.Take(320);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) ring.Take(320);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Buffers_live_where_no_collection_copies_them()
    {
        // A call's ring lives as long as the call: in the young generation every collection would copy it onward.
        var buffer = SampleBuffers.ArrayOf(new FrameRing(2).Take(320));

        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(buffer));
    }
}
