namespace Parley.Core.Llm.Testing;

/// <summary>A clock that moves only when <see cref="Advance"/> is called; timers fire in due order.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    // An odd frequency catches code that assumes ticks are 100 ns (YARP's test clock does the same).
    public override long TimestampFrequency => 7_000_000;

    public override long GetTimestamp()
    {
        lock (_gate) return (long)((_now - DateTimeOffset.UnixEpoch).Ticks * (7_000_000d / TimeSpan.TicksPerSecond));
    }

    /// <summary>Number of timers waiting to fire.</summary>
    public int PendingTimers { get { lock (_gate) return _timers.Count(t => t.Due is not null); } }

    /// <summary>How far in the future each waiting timer is due, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDueTimes
    {
        get { lock (_gate) return _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value - _now).Order().ToArray(); }
    }

    /// <summary>Waits (in real time, bounded) until a waiting timer matches, e.g. a backoff delay of 2 s armed by another task.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> match, string what)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (PendingDueTimes.Any(match)) return;
            await Task.Delay(10);
        }
        throw new TimeoutException($"No timer for {what}; armed: [{string.Join(", ", PendingDueTimes)}]");
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null) { _now = target; return; }
                _now = next.Due!.Value;
                next.Due = next.Period > TimeSpan.Zero ? _now + next.Period : null;
            }
            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due;
        public TimeSpan Period;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            }
            return true;
        }

        public void Dispose() { lock (owner._gate) owner._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
