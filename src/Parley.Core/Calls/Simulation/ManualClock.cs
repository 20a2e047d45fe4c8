namespace Parley.Core.Calls.Simulation;

/// <summary>
/// A <see cref="TimeProvider"/> that only moves when told to. Timers due at the same instant fire in the order they
/// were created, so a simulated call has one deterministic order of events.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    /// <summary>An odd frequency so code that mixes timestamp ticks with TimeSpan ticks shows up wrong.</summary>
    public const long Frequency = 3_000_017;

    private readonly DateTimeOffset _origin;
    private readonly List<ManualTimer> _timers = [];
    private long _nextSequence;

    public ManualClock(DateTimeOffset? origin = null) => _origin = origin ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time since the clock was created.</summary>
    public TimeSpan Elapsed { get; private set; }

    public override DateTimeOffset GetUtcNow() => _origin + Elapsed;
    public override long TimestampFrequency => Frequency;
    public override long GetTimestamp() => (long)((Int128)Elapsed.Ticks * Frequency / TimeSpan.TicksPerSecond);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state, _nextSequence++);
        _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When the earliest armed timer is due, or null when none is armed.</summary>
    public TimeSpan? NextDue()
    {
        ManualTimer? next = Earliest();
        return next?.Due;
    }

    /// <summary>
    /// Moves to the earliest timer due no later than <paramref name="limit"/> and fires it; false when there is none.
    /// One timer at a time, so the caller can run the work it caused before the next one fires.
    /// </summary>
    public bool FireNext(TimeSpan limit)
    {
        var next = Earliest();
        if (next is null || next.Due > limit) return false;
        Elapsed = next.Due!.Value;
        next.Fire();
        return true;
    }

    /// <summary>Moves the clock forward without firing anything; timers must not be skipped over.</summary>
    public void MoveTo(TimeSpan time)
    {
        if (time < Elapsed) throw new ArgumentOutOfRangeException(nameof(time), "Time does not go backwards.");
        if (Earliest() is { } next && next.Due < time) throw new InvalidOperationException("A timer is due before that time.");
        Elapsed = time;
    }

    private ManualTimer? Earliest()
    {
        ManualTimer? best = null;
        foreach (var t in _timers)
        {
            if (t.Due is null) continue;
            if (best is null || t.Due < best.Due || (t.Due == best.Due && t.Sequence < best.Sequence)) best = t;
        }
        return best;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state, long sequence) : ITimer
    {
        public long Sequence { get; } = sequence;
        public TimeSpan? Due { get; private set; }
        private TimeSpan _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Same rule as the system timer, so code that would throw in production throws in a simulation too.
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(dueTime));
            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(period));
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.Elapsed + dueTime;
            _period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            return true;
        }

        public void Fire()
        {
            Due = _period > TimeSpan.Zero ? Due + _period : null;
            callback(state);
        }

        public void Dispose()
        {
            Due = null;
            clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
