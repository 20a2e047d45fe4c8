namespace Parley.Core.Tests.Http;

/// <summary>A clock that moves only when a test advances it; timers fire in due order during <see cref="Advance"/>.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;
    private long _created;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate) _created++;
        return timer;
    }

    /// <summary>How many timers were ever created (Task.Delay, timeouts).</summary>
    public long TimersCreated
    {
        get { lock (_gate) return _created; }
    }

    /// <summary>Time left on each armed timer, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDelays
    {
        get
        {
            lock (_gate) return _timers.Select(t => t.Due - _now).Order().ToList();
        }
    }

    /// <summary>Waits (in real time, bounded) until an armed timer matches, e.g. a backoff delay of 2 s.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> match, string what)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (PendingDelays.Any(match)) return;
            await Task.Delay(10);
        }
        throw new TimeoutException($"No timer for {what}; armed: [{string.Join(", ", PendingDelays)}]");
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = target;
                    return;
                }
                _now = next.Due;
                _timers.Remove(next);
                if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
                {
                    next.Due = _now + next.Period;
                    _timers.Add(next);
                }
            }
            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }
        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                Period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = owner._now + dueTime;
                owner._timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero)
                owner.Advance(TimeSpan.Zero);
            return true;
        }

        public void Dispose()
        {
            lock (owner._gate) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
