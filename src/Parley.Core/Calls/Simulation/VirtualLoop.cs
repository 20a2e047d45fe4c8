namespace Parley.Core.Calls.Simulation;

/// <summary>
/// Runs a simulated call on one thread in virtual time: every continuation is queued here, and the clock moves to
/// the next timer only when the queue is empty, i.e. when the session and every fake are waiting on time.
/// </summary>
public sealed class VirtualLoop : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly object _gate = new();
    private int _ownerThread = -1;
    private int _postsFromOtherThreads;

    public VirtualLoop(ManualClock clock) => Clock = clock;

    public ManualClock Clock { get; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        // A post from another thread means some work left the timeline (e.g. ConfigureAwait(false)); its timing
        // would depend on the thread pool, so the run is reported as broken instead of silently flaky.
        if (_ownerThread != -1 && Environment.CurrentManagedThreadId != _ownerThread) Interlocked.Increment(ref _postsFromOtherThreads);
        lock (_gate) _work.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="start"/> inside the loop, then plays virtual time up to <paramref name="until"/>.</summary>
    public void Run(Action start, TimeSpan until)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            start();
            RunUntil(until);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>Plays virtual time forward to <paramref name="until"/>, running all work due on the way.</summary>
    public void RunUntil(TimeSpan until) => PlayTo(until, run: true);

    /// <summary>
    /// A loop that cannot run for <paramref name="length"/> (a GC pause, a machine too busy): timers due meanwhile
    /// fire, but the work they cause waits, and runs only with whatever plays time forward next.
    /// </summary>
    public void Stall(TimeSpan length) => PlayTo(Clock.Elapsed + length, run: false);

    private void PlayTo(TimeSpan until, bool run)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        _ownerThread = Environment.CurrentManagedThreadId;
        try
        {
            if (run) Drain();
            while (Clock.FireNext(until)) if (run) Drain();
            if (Clock.Elapsed < until) Clock.MoveTo(until);
            if (!run) return;
            Drain();
            if (Volatile.Read(ref _postsFromOtherThreads) > 0)
                throw new InvalidOperationException("Work resumed off the virtual timeline (on another thread); the run is not deterministic.");
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                if (!_work.TryDequeue(out item)) return;
            }
            item.Callback(item.State);
        }
    }
}
