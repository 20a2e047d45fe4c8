using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public sealed class SampleBufferBinTests
{
    [Fact]
    public void A_returned_buffer_is_rented_again_and_one_of_another_length_is_refused()
    {
        var bin = new SampleBufferBin(320, 8);
        var first = bin.Rent();
        Assert.Equal(320, first.Length);
        bin.Return(first);

        Assert.Same(first, bin.Rent());
        Assert.Throws<ArgumentException>(() => bin.Return(new short[480]));
        Assert.NotSame(first, bin.Rent());
    }

    [Fact]
    public void The_bin_keeps_at_most_its_cap_of_buffers()
    {
        const int MaxKept = 500;
        var bin = new SampleBufferBin(4, MaxKept);
        var buffers = Enumerable.Range(0, MaxKept + 10).Select(_ => new short[4]).ToList();
        foreach (var buffer in buffers) bin.Return(buffer);

        var reused = Enumerable.Range(0, MaxKept + 10).Select(_ => bin.Rent())
            .Count(rented => buffers.Any(b => ReferenceEquals(b, rented)));

        Assert.Equal(MaxKept, reused);
    }

    [Fact]
    public void Renting_and_returning_allocates_nothing_once_warm()
    {
        var bin = new SampleBufferBin(320, 500);
        var held = new short[200][];
        // The queue under the bin grows its ring of slots while it learns how many buffers are out at once.
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < held.Length; i++) held[i] = bin.Rent();
            for (var i = 0; i < held.Length; i++) bin.Return(held[i]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < held.Length; i++) held[i] = bin.Rent();
            for (var i = 0; i < held.Length; i++) bin.Return(held[i]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_pool_keeps_each_frame_size_apart()
    {
        var pool = new SampleBufferPool(64 * 1024);
        var narrow = pool.Bin(160).Rent();
        var wide = pool.Bin(480).Rent();
        pool.Bin(160).Return(narrow);
        pool.Bin(480).Return(wide);

        Assert.Same(wide, pool.Bin(480).Rent());
        Assert.Same(narrow, pool.Bin(160).Rent());
        Assert.Equal(320, pool.Bin(320).Rent().Length);
    }

    [Fact]
    public void New_buffers_live_where_no_collection_copies_them()
    {
        // Pooled buffers live for the process: in the young generation every collection would copy them onward.
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(new SampleBufferBin(320, 8).Rent()));
    }
}
