using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

// Invariant: only whole 20 ms frames go through the shared pool; any other size is left to its user and the GC.
public sealed class FrameBuffersTests
{
    [Fact]
    public void A_whole_frame_buffer_goes_back_to_the_pool_and_comes_out_again()
    {
        var pool = new SampleBufferPool(1 << 20);
        var buffers = new FrameBuffers(pool);

        var first = buffers.Rent(16000, 320);
        Assert.NotNull(first);
        Assert.Equal(320, first.Length);
        buffers.Return(first, 16000);

        Assert.Same(first, buffers.Rent(16000, 320));
        // Another user of the same pool shares the bin.
        buffers.Return(first, 16000);
        Assert.Same(first, new FrameBuffers(pool).Rent(16000, 320));
    }

    [Theory]
    [InlineData(16000, 100)]
    [InlineData(16000, 640)]
    [InlineData(0, 320)]
    public void Other_sizes_get_nothing_from_the_pool_and_put_nothing_in_it(int sampleRate, int length)
    {
        var pool = new SampleBufferPool(1 << 20);
        var buffers = new FrameBuffers(pool);

        Assert.Null(buffers.Rent(sampleRate, length));
        var handedBack = new short[length];
        buffers.Return(handedBack, sampleRate);
        // Had it been kept, the bin of that length would hand that very array out next.
        Assert.NotSame(handedBack, pool.Bin(length).Rent());
    }
}
