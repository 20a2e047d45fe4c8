using System.Text.Json.Nodes;
using Parley.Server.Api.Infrastructure;

namespace Parley.Server.Api.Resources;

/// <summary>
/// The call record's server-owned fields. A call is a JSON document so that everything Vapi defines on a Call
/// (status, endedReason, messages, transcript, artifact with variableValues, analysis, costs) has a home.
/// </summary>
public static class CallRecord
{
    public static void Initialize(JsonObject body, string id, CallLinks links)
    {
        var transport = body["transport"] as JsonObject;
        var isWebSocket = transport?.StringOrNull("provider") == "vapi.websocket";
        body["type"] = isWebSocket ? "vapi.websocketCall" : "outboundPhoneCall";
        body["status"] = body.ContainsKey("schedulePlan") ? "scheduled" : "queued";
        if (isWebSocket) transport!["websocketCallUrl"] = links.Transport(id);
        body["monitor"] = new JsonObject { ["listenUrl"] = links.Listen(id), ["controlUrl"] = links.Control(id) };
        body["messages"] = new JsonArray();
        body["costs"] = new JsonArray();
        body["cost"] = 0;
    }

    /// <summary>A call that ends without running, or stops running: ended, with the reason and when.</summary>
    public static void End(JsonObject body, string endedReason, DateTimeOffset at)
    {
        body["status"] = "ended";
        body["endedReason"] = endedReason;
        body["endedAt"] = Parley.Core.Json.JsonTime.Iso(at);
    }
}

/// <summary>The URLs a client uses to reach a call: its media socket, the listen socket, the control endpoint and the recording.</summary>
public sealed class CallLinks(Hosting.ParleyOptions options, HttpRequest request)
{
    private readonly string _base = (options.PublicUrl ?? $"{request.Scheme}://{request.Host}").TrimEnd('/');

    private string WebSocketBase => _base.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        ? "wss://" + _base["https://".Length..]
        : _base.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + _base["http://".Length..] : _base;

    public string Transport(string callId) => $"{WebSocketBase}/{callId}/transport";
    public string Listen(string callId) => $"{WebSocketBase}/{callId}/listen";
    public string Control(string callId) => $"{_base}/{callId}/control";
    /// <summary>Vapi's recording downloads for the call (API key needed).</summary>
    public RecordingLinks Recordings(string callId) => new(
        $"{_base}/call/{callId}/stereo-recording", $"{_base}/call/{callId}/mono-recording",
        $"{_base}/call/{callId}/customer-recording", $"{_base}/call/{callId}/assistant-recording");
}

/// <summary>A call's recording downloads: the stereo file and its mono views.</summary>
public sealed record RecordingLinks(string Stereo, string Combined, string Customer, string Assistant);
