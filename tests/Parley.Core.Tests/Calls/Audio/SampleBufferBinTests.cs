using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public sealed class SampleBufferBinTests
{
    [Fact]
    public void A_returned_buffer_is_rented_again_and_a_short_one_is_dropped()
    {
        var bin = new SampleBufferBin();
        var first = bin.Rent(320);
        Assert.Equal(320, first.Length);
        bin.Return(first);

        Assert.Same(first, bin.Rent(320));

        bin.Return(first);
        var larger = bin.Rent(480);
        Assert.NotSame(first, larger);
        Assert.Equal(480, larger.Length);
        // The short buffer was dropped on the way, not kept for later.
        Assert.NotSame(first, bin.Rent(320));
    }

    [Fact]
    public void The_bin_keeps_at_most_MaxKept_buffers()
    {
        var bin = new SampleBufferBin();
        var buffers = Enumerable.Range(0, SampleBufferBin.MaxKept + 10).Select(_ => new short[4]).ToList();
        foreach (var buffer in buffers) bin.Return(buffer);

        var reused = Enumerable.Range(0, SampleBufferBin.MaxKept + 10).Select(_ => bin.Rent(4))
            .Count(rented => buffers.Any(b => ReferenceEquals(b, rented)));

        Assert.Equal(SampleBufferBin.MaxKept, reused);
    }

    [Fact]
    public void Renting_and_returning_allocates_nothing_once_warm()
    {
        var bin = new SampleBufferBin();
        var held = new short[200][];
        // The queue under the bin grows its ring of slots while it learns how many buffers are out at once.
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < held.Length; i++) held[i] = bin.Rent(320);
            for (var i = 0; i < held.Length; i++) bin.Return(held[i]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < held.Length; i++) held[i] = bin.Rent(320);
            for (var i = 0; i < held.Length; i++) bin.Return(held[i]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_pool_keeps_each_frame_size_apart()
    {
        var pool = new SampleBufferPool(64 * 1024);
        var narrow = pool.Rent(160);
        var wide = pool.Rent(480);
        pool.Return(narrow);
        pool.Return(wide);

        Assert.Same(wide, pool.Rent(480));
        Assert.Same(narrow, pool.Rent(160));
        Assert.Equal(320, pool.Rent(320).Length);
    }
}
