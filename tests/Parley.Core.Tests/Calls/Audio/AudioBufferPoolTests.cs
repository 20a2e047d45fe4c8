using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public class AudioBufferPoolTests
{
    [Fact]
    public void A_returned_buffer_is_handed_out_again()
    {
        var pool = new AudioBufferPool(2);
        var first = pool.Rent(320);
        Assert.Equal(512, first.Length);
        pool.Return(first);
        Assert.Same(first, pool.Rent(300));
    }

    [Fact]
    public void The_pool_keeps_no_more_buffers_than_its_bound()
    {
        var pool = new AudioBufferPool(1);
        var a = pool.Rent(160);
        var b = pool.Rent(160);
        pool.Return(a);
        pool.Return(b); // dropped: the level already holds one
        Assert.Same(a, pool.Rent(160));
        Assert.NotSame(b, pool.Rent(160));
    }

    [Fact]
    public void Renting_and_returning_a_warm_pool_allocates_nothing()
    {
        var pool = new AudioBufferPool(4);
        pool.Return(pool.Rent(320));
        // Debug builds record a stack trace per rent for the leak check, so measure the release path only.
#if !DEBUG
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) pool.Return(pool.Rent(320));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
#else
        Assert.Equal(0, pool.OutstandingCount);
#endif
    }

#if DEBUG
    [Fact]
    public void The_debug_leak_check_names_buffers_never_returned()
    {
        var pool = new AudioBufferPool();
        var kept = pool.Rent(160);
        pool.Return(pool.Rent(160));
        Assert.Equal(1, pool.OutstandingCount);
        var error = Assert.Throws<InvalidOperationException>(pool.AssertNoLeaks);
        Assert.Contains("1 audio buffer", error.Message);
        pool.Return(kept);
        pool.AssertNoLeaks();
        Assert.Throws<InvalidOperationException>(() => pool.Return(kept));
    }
#endif
}
