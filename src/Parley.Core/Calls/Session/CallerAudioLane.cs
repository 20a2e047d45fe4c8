using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Session;

/// <summary>
/// Caller frames from one producer (the transport) to one listener (the VAD or the STT), with neither a lock nor an
/// allocation per frame: a ring of a fixed number of slots where a producer that laps a slow listener overwrites
/// the oldest frames (the listener then skips ahead and counts them in <see cref="Dropped"/>). Each slot carries a
/// sequence number written before and after the frame, so a listener never takes a frame the producer is overwriting.
/// A waiting listener resumes on its own synchronization context if it had one (a simulated call's loop), else on the
/// thread pool, never on the producer's thread.
/// </summary>
internal sealed class CallerAudioLane
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private long _written;
    private long _read;
    private volatile bool _completed;
    private readonly Doorbell _bell = new();

    public CallerAudioLane(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "must be a power of two, at least 2");
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < capacity; i++) _slots[i].Sequence = -1;
    }

    /// <summary>Frames the listener never saw because the producer overwrote them first.</summary>
    public long Dropped { get; private set; }

    /// <summary>Adds a frame; one producer at a time. Ignored once the lane is complete.</summary>
    public void Write(AudioFrame frame)
    {
        if (_completed) return;
        var position = _written;
        ref var slot = ref _slots[position & _mask];
        // The full fence keeps the frame's write after the "being written" mark a listener checks.
        Interlocked.Exchange(ref slot.Sequence, -1);
        slot.Frame = frame;
        Volatile.Write(ref slot.Sequence, position);
        Volatile.Write(ref _written, position + 1);
        _bell.Ring();
    }

    /// <summary>No more frames: the listener drains what is left and stops.</summary>
    public void Complete()
    {
        _completed = true;
        _bell.Ring();
    }

    /// <summary>The frames in order, skipping any overwritten before they were read; one listener.</summary>
    public async IAsyncEnumerable<AudioFrame> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var cancelled = cancellationToken.Register(static bell => ((Doorbell)bell!).Ring(), _bell);
        while (true)
        {
            while (TryRead(out var frame)) yield return frame;
            cancellationToken.ThrowIfCancellationRequested();
            if (_completed && Volatile.Read(ref _written) == _read) yield break;
            await _bell.WaitAsync();
        }
    }

    private bool TryRead(out AudioFrame frame)
    {
        while (true)
        {
            var written = Volatile.Read(ref _written);
            if (_read >= written)
            {
                frame = default;
                return false;
            }
            if (written - _read > _slots.Length)
            {
                Dropped += written - _slots.Length - _read;
                _read = written - _slots.Length;
            }
            ref var slot = ref _slots[_read & _mask];
            var before = Volatile.Read(ref slot.Sequence);
            frame = slot.Frame;
            Interlocked.MemoryBarrier();
            var after = Volatile.Read(ref slot.Sequence);
            if (before == _read && after == _read)
            {
                _read++;
                return true;
            }
            // The producer is overwriting this slot, or has: frame _read is lost. Skip it rather than wait for the
            // producer to finish (it may be descheduled mid-write, and the listener would spin on a pool thread).
            _read++;
            Dropped++;
        }
    }

    private struct Slot
    {
        public long Sequence;
        public AudioFrame Frame;
    }
}
