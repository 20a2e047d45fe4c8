using System.Collections.Concurrent;
using Parley.Core.Calls.Session;

namespace Parley.Server.Calls;

/// <summary>A call running in this process: what the control and listen endpoints reach, and its monitorPlan.</summary>
public sealed record LiveCall(string CallId, string OrgId, CallSession Session, CallAudioTap Tap, CallMessageRouter Messages,
    System.Text.Json.Nodes.JsonObject? MonitorPlan, CancellationToken Ended);

/// <summary>The calls running in this process, by id.</summary>
public sealed class LiveCalls
{
    private readonly ConcurrentDictionary<string, LiveCall> _calls = new();
    private readonly ConcurrentDictionary<string, byte> _claimed = new();

    public int Count => _calls.Count;

    public bool TryGet(string callId, out LiveCall call) => _calls.TryGetValue(callId, out call!);

    public bool TryAdd(LiveCall call) => _calls.TryAdd(call.CallId, call);

    public void Remove(string callId) => _calls.TryRemove(callId, out _);

    /// <summary>Takes a call for one transport connection; false when another connection already has it.</summary>
    public bool TryClaim(string callId) => _claimed.TryAdd(callId, 0);

    public bool IsClaimed(string callId) => _claimed.ContainsKey(callId);

    /// <summary>Gives the call up once its record says it has ended (so a new connection is refused by its status).</summary>
    public void Release(string callId) => _claimed.TryRemove(callId, out _);
}
