using System.Collections.Concurrent;
using Parley.Core.Calls.Session;

namespace Parley.Server.Calls;

/// <summary>A call running in this process: what the control and listen endpoints reach, and its monitorPlan.</summary>
public sealed record LiveCall(string CallId, string OrgId, CallSession Session, CallAudioTap Tap, CallMessageRouter Messages,
    System.Text.Json.Nodes.JsonObject? MonitorPlan, CancellationToken Ended);

/// <summary>What became of a transport connection's claim on a call.</summary>
public enum CallClaim
{
    Claimed,
    /// <summary>Another connection already has the call.</summary>
    AlreadyClaimed,
    /// <summary>Every concurrent-call slot is taken.</summary>
    AtCapacity,
}

/// <summary>The calls running in this process, by id.</summary>
public sealed class LiveCalls
{
    // Claimed calls, counted apart: a ConcurrentDictionary's Count takes every lock.
    private int _active;

    private readonly ConcurrentDictionary<string, LiveCall> _calls = new();
    // Claimed calls; the value says whether the call still holds a slot (it gives it up when it ends, before its
    // record and webhooks are done, so a slot counts a connected socket).
    private readonly ConcurrentDictionary<string, byte> _claimed = new();
    private const byte HoldsSlot = 1, SlotFreed = 0;
    // Ended but still claimed: the runner writes the record and sends the report before it releases the claim.
    private readonly ConcurrentDictionary<string, byte> _ending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LiveCall?>> _arrivals = new();

    public bool TryGet(string callId, out LiveCall call) => _calls.TryGetValue(callId, out call!);

    public bool TryAdd(LiveCall call)
    {
        if (!_calls.TryAdd(call.CallId, call)) return false;
        if (_arrivals.TryRemove(call.CallId, out var waiting)) waiting.TrySetResult(call);
        return true;
    }

    /// <summary>
    /// The running call, or, when its transport has connected but the call is still starting, the call once it is
    /// registered (at most <paramref name="limit"/> later). Null at once for a call that no transport has claimed.
    /// </summary>
    public async Task<LiveCall?> WhenRunningAsync(string callId, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (TryGet(callId, out var call)) return call;
        if (!IsClaimed(callId) || _ending.ContainsKey(callId)) return null;
        var arrival = _arrivals.GetOrAdd(callId, _ => new TaskCompletionSource<LiveCall?>(TaskCreationOptions.RunContinuationsAsynchronously));
        // Registered (or ended) between the first look and the waiter: nobody would complete the waiter, so look again
        // and complete it for whoever else waits on it too.
        if (TryGet(callId, out call) || _ending.ContainsKey(callId))
        {
            if (_arrivals.TryRemove(callId, out var shared)) shared.TrySetResult(call);
            return call;
        }
        try
        {
            return await arrival.Task.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            return TryGet(callId, out call) ? call : null;
        }
    }

    /// <summary>
    /// The call has ended: control and listen find nothing from now on, even before its claim is released, and its
    /// slot is free for another call.
    /// </summary>
    public void Remove(string callId)
    {
        _ending.TryAdd(callId, 0);
        _calls.TryRemove(callId, out _);
        if (_claimed.TryUpdate(callId, SlotFreed, HoldsSlot)) Interlocked.Decrement(ref _active);
    }

    /// <summary>Calls claimed by a transport connection and not yet released: the slots in use.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Slots left under <paramref name="limit"/>; 0 when there is no limit (nothing to count down from).</summary>
    public int Remaining(int limit) => limit <= 0 ? 0 : Math.Max(0, limit - Active);

    /// <summary>
    /// Takes a call for one transport connection, within <paramref name="limit"/> calls at once (0: no limit). The slot
    /// is taken before the call, so two connections racing for the last slot cannot both have it.
    /// </summary>
    public CallClaim TryClaim(string callId, int limit)
    {
        // Looked at first so that a second socket for a running call does not even briefly count as a call.
        if (IsClaimed(callId)) return CallClaim.AlreadyClaimed;
        if (Interlocked.Increment(ref _active) > limit && limit > 0)
        {
            Interlocked.Decrement(ref _active);
            return IsClaimed(callId) ? CallClaim.AlreadyClaimed : CallClaim.AtCapacity;
        }
        if (_claimed.TryAdd(callId, HoldsSlot)) return CallClaim.Claimed;
        Interlocked.Decrement(ref _active);
        return CallClaim.AlreadyClaimed;
    }

    public bool IsClaimed(string callId) => _claimed.ContainsKey(callId);

    /// <summary>Gives the call up once its record says it has ended (so a new connection is refused by its status), and unregisters it.</summary>
    public void Release(string callId)
    {
        // The claim's owner is done with the call, however it ended: a call that failed after registering is gone too.
        _calls.TryRemove(callId, out _);
        if (_claimed.TryRemove(callId, out var slot) && slot == HoldsSlot) Interlocked.Decrement(ref _active);
        _ending.TryRemove(callId, out _);
        // A call that failed before it registered wakes its waiters with nothing.
        if (_arrivals.TryRemove(callId, out var waiting)) waiting.TrySetResult(null);
    }
}
