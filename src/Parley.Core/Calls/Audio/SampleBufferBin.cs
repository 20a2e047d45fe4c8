using System.Collections.Concurrent;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// Sample buffers handed back for reuse, from any thread. Buffers that stay queued for seconds (a reply waiting to be
/// played) would otherwise be copied from one GC generation to the next at every collection: at hundreds of calls
/// those copies were most of each GC pause. Keeps at most the number of buffers it was made with.
/// </summary>
public sealed class SampleBufferBin(int maxKept = SampleBufferBin.MaxKept)
{
    /// <summary>Ten seconds of 20 ms frames unless told otherwise; what a bin keeps beyond its cap is left to the GC.</summary>
    public const int MaxKept = 500;

    // A ConcurrentQueue that no longer grows reuses its ring of slots, so steady use allocates nothing and takes no lock.
    private readonly ConcurrentQueue<short[]> _free = new();
    // Counted apart: ConcurrentQueue.Count can freeze its segments, and a frozen segment makes the next enqueue allocate.
    private int _kept;

    /// <summary>A buffer of at least <paramref name="length"/> samples, reused when one is free.</summary>
    public short[] Rent(int length)
    {
        while (_free.TryDequeue(out var buffer))
        {
            Interlocked.Decrement(ref _kept);
            // Frame sizes change only with the call's rate; a smaller leftover is dropped, not kept around.
            if (buffer.Length >= length) return buffer;
        }
        return new short[length];
    }

    /// <summary>Hands a buffer back; the caller must not touch it afterwards.</summary>
    public void Return(short[] buffer)
    {
        if (Interlocked.Increment(ref _kept) > maxKept)
        {
            Interlocked.Decrement(ref _kept);
            return;
        }
        _free.Enqueue(buffer);
    }
}
