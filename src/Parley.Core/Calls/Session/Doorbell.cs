using System.Threading.Tasks.Sources;

namespace Parley.Core.Calls.Session;

/// <summary>
/// Wakes one waiting loop from any thread, without allocating or locking: rings while nobody waits are remembered
/// as one, and the waiter resumes on its synchronization context if it had one (a simulated call's loop), else on the
/// thread pool, never on the ringer's thread. One waiter at a time: the session loop, or a caller audio lane's listener.
/// </summary>
public sealed class Doorbell : IValueTaskSource
{
    private const int Idle = 0, Rung = 1, Waiting = 2;

    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private int _state;

    /// <summary>Any thread.</summary>
    public void Ring()
    {
        // The ringer's data (a queued event, a written frame) was published by a plain store; without a full fence
        // the read of Rung below may pass that store, the waiter may consume the ring and find no data yet, and park.
        Interlocked.MemoryBarrier();
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Rung:
                    return;
                case Idle:
                    if (Interlocked.CompareExchange(ref _state, Rung, Idle) == Idle) return;
                    break;
                default:
                    if (Interlocked.CompareExchange(ref _state, Idle, Waiting) != Waiting) break;
                    _waiter.SetResult(true);
                    return;
            }
        }
    }

    /// <summary>Completes at once if rung since the last wait, else at the next ring. The single waiter only.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Rung) == Rung) return ValueTask.CompletedTask;
        _waiter.Reset();
        // A ring between the check above and this exchange leaves Rung behind: take it instead of waiting.
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle) return new ValueTask(this, _waiter.Version);
        Volatile.Write(ref _state, Idle);
        return ValueTask.CompletedTask;
    }

    void IValueTaskSource.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);
}
