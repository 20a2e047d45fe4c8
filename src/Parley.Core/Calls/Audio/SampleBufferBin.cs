using System.Collections.Concurrent;

namespace Parley.Core.Calls.Audio;

/// <summary>
/// Sample buffers handed back for reuse, from any thread. Buffers that stay queued for seconds (a reply waiting to be
/// played) would otherwise be copied from one GC generation to the next at every collection: at hundreds of calls
/// those copies were most of each GC pause. All buffers of one bin have one length; it keeps at most
/// <paramref name="maxKept"/> of them, and what comes back beyond that is left to the GC.
/// </summary>
public sealed class SampleBufferBin(int length, int maxKept)
{
    public int Length => length;

    // A ConcurrentQueue that no longer grows reuses its ring of slots, so steady use allocates nothing and takes no lock.
    private readonly ConcurrentQueue<short[]> _free = new();
    // Counted apart: ConcurrentQueue.Count can freeze its segments, and a frozen segment makes the next enqueue allocate.
    private int _kept;

    /// <summary>A buffer of <see cref="Length"/> samples, reused when one is free.</summary>
    public short[] Rent()
    {
        // Pooled buffers live for the process: on the pinned heap no GC copies them from generation to generation.
        if (!_free.TryDequeue(out var buffer)) return GC.AllocateUninitializedArray<short>(length, pinned: true);
        Interlocked.Decrement(ref _kept);
        return buffer;
    }

    /// <summary>Hands a buffer of this bin's length back; the caller must not touch it afterwards.</summary>
    public void Return(short[] buffer)
    {
        if (buffer.Length != length) throw new ArgumentException($"a bin of {length}-sample buffers got one of {buffer.Length}", nameof(buffer));
        if (Interlocked.Increment(ref _kept) > maxKept)
        {
            Interlocked.Decrement(ref _kept);
            return;
        }
        _free.Enqueue(buffer);
    }
}
