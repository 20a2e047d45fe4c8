using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    /// <summary>Every concurrent-call slot of the server is taken.</summary>
    ServerFull,
    /// <summary>Every slot the call's org may hold is taken.</summary>
    OrgFull,
}

/// <summary>How many calls may run at once: on the whole server, and for any one org (0: no limit).</summary>
public readonly record struct CallLimits(int Server, int PerOrg);

/// <summary>The calls running in this process, by id.</summary>
public sealed class LiveCalls
{
    // Claimed calls, counted apart (a ConcurrentDictionary's Count takes every lock), on the server and per org.
    private int _active;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _activeByOrg = new();

    private readonly ConcurrentDictionary<string, LiveCall> _calls = new();
    // Claimed calls. A claim holds a slot until the call ends, before its record and webhooks are done, so a slot
    // counts a connected socket.
    private readonly ConcurrentDictionary<string, Claim> _claimed = new();
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
        if (_claimed.TryGetValue(callId, out var claim)) FreeSlot(claim);
    }

    /// <summary>Calls claimed by a transport connection and not yet ended: the server's slots in use.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>The slots <paramref name="orgId"/>'s calls hold.</summary>
    public int ActiveFor(string orgId) => _activeByOrg.TryGetValue(orgId, out var count) ? Volatile.Read(ref count.Value) : 0;

    /// <summary>
    /// Takes a call of <paramref name="orgId"/> for one transport connection, within <paramref name="limits"/>. Slots
    /// are taken before the call, so connections racing for the last one cannot both have it.
    /// </summary>
    public CallClaim TryClaim(string callId, string orgId, CallLimits limits)
    {
        // Looked at first so that a second socket for a running call does not even briefly count as a call.
        if (IsClaimed(callId)) return CallClaim.AlreadyClaimed;
        var forOrg = _activeByOrg.GetOrAdd(orgId, static _ => new StrongBox<int>());
        if (!TakeSlot(ref _active, limits.Server)) return IsClaimed(callId) ? CallClaim.AlreadyClaimed : CallClaim.ServerFull;
        if (!TakeSlot(ref forOrg.Value, limits.PerOrg))
        {
            Interlocked.Decrement(ref _active);
            return IsClaimed(callId) ? CallClaim.AlreadyClaimed : CallClaim.OrgFull;
        }
        if (_claimed.TryAdd(callId, new Claim(forOrg))) return CallClaim.Claimed;
        Interlocked.Decrement(ref _active);
        Interlocked.Decrement(ref forOrg.Value);
        return CallClaim.AlreadyClaimed;
    }

    private static bool TakeSlot(ref int count, int limit)
    {
        if (Interlocked.Increment(ref count) <= limit || limit <= 0) return true;
        Interlocked.Decrement(ref count);
        return false;
    }

    // Exactly once per claim, whichever of Remove and Release comes first.
    private void FreeSlot(Claim claim)
    {
        if (Interlocked.Exchange(ref claim.HoldsSlot, 0) == 0) return;
        Interlocked.Decrement(ref _active);
        Interlocked.Decrement(ref claim.ForOrg.Value);
    }

    public bool IsClaimed(string callId) => _claimed.ContainsKey(callId);

    /// <summary>Gives the call up once its record says it has ended (so a new connection is refused by its status), and unregisters it.</summary>
    public void Release(string callId)
    {
        // The claim's owner is done with the call, however it ended: a call that failed after registering is gone too.
        _calls.TryRemove(callId, out _);
        if (_claimed.TryRemove(callId, out var claim)) FreeSlot(claim);
        _ending.TryRemove(callId, out _);
        // A call that failed before it registered wakes its waiters with nothing.
        if (_arrivals.TryRemove(callId, out var waiting)) waiting.TrySetResult(null);
    }

    private sealed class Claim(StrongBox<int> forOrg)
    {
        public readonly StrongBox<int> ForOrg = forOrg;
        public int HoldsSlot = 1;
    }
}
