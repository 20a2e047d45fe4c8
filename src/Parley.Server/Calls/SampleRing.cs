namespace Parley.Server.Calls;

/// <summary>
/// A fixed ring of samples for one producer thread and one consumer thread, without locks: the assistant's paced
/// audio goes in on the session loop and comes out beside the caller's audio on the transport's thread. When the
/// consumer falls behind by the whole ring, the newest samples are dropped.
/// </summary>
public sealed class SampleRing(int capacity)
{
    private readonly short[] _buffer = new short[capacity];
    private long _written;
    private long _read;

    public int Count => (int)(Volatile.Read(ref _written) - Volatile.Read(ref _read));

    /// <summary>Producer side; returns how many samples fitted.</summary>
    public int Write(ReadOnlySpan<short> samples)
    {
        var written = _written;
        var free = _buffer.Length - (int)(written - Volatile.Read(ref _read));
        var count = Math.Min(free, samples.Length);
        for (var i = 0; i < count; i++) _buffer[(written + i) % _buffer.Length] = samples[i];
        Volatile.Write(ref _written, written + count);
        return count;
    }

    /// <summary>Consumer side: fills <paramref name="destination"/>, with silence where nothing is queued; returns the real samples taken.</summary>
    public int ReadOrSilence(Span<short> destination)
    {
        var read = _read;
        var available = (int)(Volatile.Read(ref _written) - read);
        var count = Math.Min(available, destination.Length);
        for (var i = 0; i < count; i++) destination[i] = _buffer[(read + i) % _buffer.Length];
        destination[count..].Clear();
        Volatile.Write(ref _read, read + count);
        return count;
    }
}
