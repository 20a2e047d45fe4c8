using System.Collections.Concurrent;
using Parley.Core.Calls.Session;

namespace Parley.Server.Calls;

/// <summary>A call running in this process: what the control and listen endpoints reach.</summary>
public sealed record LiveCall(string CallId, string OrgId, CallSession Session, CallAudioTap Tap, CallMessageRouter Messages);

/// <summary>The calls running in this process, by id.</summary>
public sealed class LiveCalls
{
    private readonly ConcurrentDictionary<string, LiveCall> _calls = new();

    public int Count => _calls.Count;

    public bool TryGet(string callId, out LiveCall call) => _calls.TryGetValue(callId, out call!);

    public bool TryAdd(LiveCall call) => _calls.TryAdd(call.CallId, call);

    public void Remove(string callId) => _calls.TryRemove(callId, out _);
}
