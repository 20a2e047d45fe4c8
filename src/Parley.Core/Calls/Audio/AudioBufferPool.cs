#if DEBUG
using System.Collections.Concurrent;
#endif

namespace Parley.Core.Calls.Audio;

/// <summary>
/// A bounded, lock-free pool of sample buffers in power-of-two sizes. Rent/Return never allocate once warm;
/// a full level simply drops the returned buffer. DEBUG builds track every rented buffer to find leaks.
/// </summary>
public sealed class AudioBufferPool
{
    private const int MinShift = 6;   // 64 samples
    private const int MaxShift = 16;  // 65536 samples: 1.3 s at 48 kHz, larger requests are not pooled
    private readonly short[]?[][] _levels;
#if DEBUG
    private readonly ConcurrentDictionary<short[], string> _outstanding = new(ReferenceEqualityComparer.Instance);
#endif

    public AudioBufferPool(int buffersPerSize = 64)
    {
        if (buffersPerSize <= 0) throw new ArgumentOutOfRangeException(nameof(buffersPerSize));
        _levels = new short[]?[MaxShift - MinShift + 1][];
        for (int i = 0; i < _levels.Length; i++) _levels[i] = new short[]?[buffersPerSize];
    }

    /// <summary>Shared pool for the call engine.</summary>
    public static AudioBufferPool Shared { get; } = new();

    /// <summary>A buffer of at least <paramref name="minimumLength"/> samples; contents are undefined.</summary>
    public short[] Rent(int minimumLength)
    {
        int level = LevelOf(minimumLength);
        short[]? buffer = null;
        if (level >= 0)
        {
            var slots = _levels[level];
            for (int i = 0; i < slots.Length && buffer is null; i++)
            {
                var candidate = Volatile.Read(ref slots[i]);
                if (candidate is not null && Interlocked.CompareExchange(ref slots[i], null, candidate) == candidate) buffer = candidate;
            }
            buffer ??= new short[1 << (level + MinShift)];
        }
        else
        {
            buffer = new short[minimumLength];
        }
#if DEBUG
        _outstanding[buffer] = Environment.StackTrace;
#endif
        return buffer;
    }

    public void Return(short[] buffer)
    {
#if DEBUG
        if (!_outstanding.TryRemove(buffer, out _)) throw new InvalidOperationException("buffer was not rented from this pool or was returned twice");
#endif
        int level = LevelOf(buffer.Length);
        if (level < 0 || buffer.Length != 1 << (level + MinShift)) return;
        var slots = _levels[level];
        for (int i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], buffer, null) is null) return;
        }
    }

    /// <summary>Buffers rented and not yet returned (DEBUG builds only; 0 in release).</summary>
    public int OutstandingCount =>
#if DEBUG
        _outstanding.Count;
#else
        0;
#endif

    /// <summary>Throws in DEBUG builds when buffers are still rented, naming where the first one was rented.</summary>
    public void AssertNoLeaks()
    {
#if DEBUG
        foreach (var pair in _outstanding)
            throw new InvalidOperationException($"{_outstanding.Count} audio buffer(s) never returned; first rented at:{Environment.NewLine}{pair.Value}");
#endif
    }

    private static int LevelOf(int length)
    {
        if (length <= 0) return 0;
        int shift = Math.Max(MinShift, 32 - int.LeadingZeroCount(length - 1));
        return shift > MaxShift ? -1 : shift - MinShift;
    }
}
