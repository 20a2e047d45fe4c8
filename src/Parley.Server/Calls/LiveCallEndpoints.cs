using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Calls.Transport;
using Parley.Core.Conversations;
using Parley.Core.Json;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Api.Resources;
using Parley.Server.Hosting;
using Parley.Server.Store;

namespace Parley.Server.Calls;

/// <summary>
/// The URLs a call hands out: <c>/{callId}/transport</c> (the <c>vapi.websocket</c> media socket),
/// <c>/{callId}/control</c> (POST a control message) and <c>/{callId}/listen</c> (a read-only socket of the call's
/// stereo audio and messages), plus <c>GET /call/{id}/recording</c> behind the API key. The call id is the
/// capability for the first three, as in Vapi; the recording needs the org's key.
/// </summary>
public static class LiveCallEndpoints
{
    public static void MapLiveCalls(this IEndpointRouteBuilder app)
    {
        // No key (the call id is the capability, as in Vapi), so the limit is per address; a plain GET on the transport
        // prepares the whole call (database, provider key checks) and must not be free to repeat.
        app.MapGet("/{callId}/transport", TransportAsync).RequireRateLimiting(ApiRateLimiting.PerAddressPolicyName);
        app.MapPost("/{callId}/control", ControlAsync).RequireRateLimiting(ApiRateLimiting.PerAddressPolicyName);
        app.MapGet("/{callId}/listen", ListenAsync).RequireRateLimiting(ApiRateLimiting.PerAddressPolicyName);
    }

    public static RouteGroupBuilder MapRecordings(this RouteGroupBuilder calls)
    {
        // Vapi's downloads; /recording (Parley's first name for the stereo file) stays for clients written against it.
        calls.MapGet("/{id}/recording", (string id, HttpContext http, ApiServices api) => RecordingAsync(id, RecordingView.Stereo, http, api));
        calls.MapGet("/{id}/stereo-recording", (string id, HttpContext http, ApiServices api) => RecordingAsync(id, RecordingView.Stereo, http, api));
        calls.MapGet("/{id}/mono-recording", (string id, HttpContext http, ApiServices api) => RecordingAsync(id, RecordingView.Combined, http, api));
        calls.MapGet("/{id}/customer-recording", (string id, HttpContext http, ApiServices api) => RecordingAsync(id, RecordingView.Customer, http, api));
        calls.MapGet("/{id}/assistant-recording", (string id, HttpContext http, ApiServices api) => RecordingAsync(id, RecordingView.Assistant, http, api));
        return calls;
    }

    private static async Task<IResult> TransportAsync(string callId, HttpContext http, CallPreparation preparation, CallRunner runner,
        LiveCalls live, ParleyOptions options, IHostApplicationLifetime lifetime)
    {
        if (live.IsClaimed(callId)) return VapiErrors.BadRequest($"call {callId} is already connected: a call's transport can be connected once");
        // Preparing first makes a plain GET a dry run: it answers why the call cannot start, or that it can. A call that
        // could start but finds its slots taken is refused before the assistant, kit and keys are prepared (a refused
        // client retries), and before the upgrade: it stays queued to connect again. Only a call's own URL learns this.
        var (call, error, status) = await preparation.PrepareAsync(callId, http.RequestAborted,
            orgId => CallCapacity.Now(live, options, orgId) is { Full: true } slots ? CallCapacity.Refusal(options, slots.OrgFull) : null);
        if (call is null)
            return status switch
            {
                StatusCodes.Status404NotFound => VapiErrors.NotFound(error!),
                StatusCodes.Status429TooManyRequests => VapiErrors.TooManyRequests(http.Response, error!, CallCapacity.RetryAfter),
                _ => VapiErrors.BadRequest(error!),
            };
        if (!http.WebSockets.IsWebSocketRequest)
            return VapiErrors.BadRequest("the call is ready: connect to this URL with a WebSocket client (ws:// or wss://) to start it");
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        // The call outlives neither the server nor its socket; the request token only says the client went away.
        await runner.RunAsync(call, socket, new CallLinks(options, http.Request), lifetime.ApplicationStopping);
        return Results.Empty;
    }

    private static async Task<IResult> ControlAsync(string callId, HttpContext http, LiveCalls live, ParleyOptions options)
    {
        var read = await RequestBody.ReadObjectAsync(http, options.MaxRequestBodyBytes);
        if (read.Error is not null) return read.Error;
        var message = read.Body!;
        if (!live.TryGet(callId, out var call)) return VapiErrors.NotFound("Call not found or not in progress");
        if (await MonitorRefusalAsync(http, call, "controlEnabled", "controlAuthenticationEnabled") is { } refused) return refused;
        var type = JsonRead.String(message["type"]);
        if (type is "send-transport-message")
            return VapiErrors.BadRequest("send-transport-message carries SIP or Twilio messages; this call's transport is vapi.websocket");
        if (type is "handoff")
            return VapiErrors.BadRequest("handoff is not supported: Parley does not switch assistants during a call (a transfer ends it as assistant-forwarded-call)");
        if (type is not ("say" or "add-message" or "end-call" or "hangup" or "control" or "transfer"))
            return VapiErrors.BadRequest("type must be one of the following values: say, add-message, control, end-call, transfer");
        if (type == "say" && (JsonRead.String(message["content"]) ?? JsonRead.String(message["message"])) is not { Length: > 0 })
            return VapiErrors.BadRequest("content must be a non-empty string (the text to say)");
        if (type == "add-message" && message["message"] is not JsonObject)
            return VapiErrors.BadRequest("message must be an object (an OpenAI-format message)");
        if (type == "add-message" && OpenAiMessages.FromJson((JsonObject)message["message"]!) is null)
            return VapiErrors.BadRequest($"message.role must be one of the following values: {OpenAiMessages.KnownRoles}");
        if (type == "control" && JsonRead.String(message["control"]) is not ("mute-assistant" or "unmute-assistant" or "mute-customer" or "unmute-customer" or "say-first-message"))
            return VapiErrors.BadRequest("control must be one of the following values: mute-assistant, unmute-assistant, mute-customer, unmute-customer, say-first-message");
        if (type == "transfer" && message["destination"] is not JsonObject)
            return VapiErrors.BadRequest("destination must be an object (a number or sip destination)");
        call.Session.Receive(message);
        return Results.Json(new JsonObject { ["status"] = "ok" });
    }

    /// <summary>How long a listener waits for a call whose transport has connected but which is still starting.</summary>
    private static readonly TimeSpan ListenStartLimit = TimeSpan.FromSeconds(5);

    /// <summary>Audio chunks a listen socket may have queued (5 s of 20 ms chunks) before new ones are dropped.</summary>
    private const int ListenAudioBacklog = 250;

    /// <summary>
    /// Messages a listen socket may have queued before new ones are dropped, except the ones a monitor waits for:
    /// a call publishes a transcript per partial, a model-output per token and its whole history per turn.
    /// </summary>
    private const int ListenMessageBacklog = 500;

    private static async Task<IResult> ListenAsync(string callId, HttpContext http, LiveCalls live)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            return VapiErrors.BadRequest("this is a call's listen socket: connect with a WebSocket client (ws:// or wss://)");
        // A monitor may connect in the moment between the call's socket opening and the call being registered.
        var call = await live.WhenRunningAsync(callId, ListenStartLimit, http.RequestAborted);
        if (call is null) return VapiErrors.NotFound("Call not found or not in progress");
        if (await MonitorRefusalAsync(http, call, "listenEnabled", "listenAuthenticationEnabled") is { } refused) return refused;
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        // A slow listener loses audio and then chatter rather than slowing the call or growing without bound, but never
        // a status update or the end-of-call report: those are what a monitor is waiting for.
        var outgoing = Channel.CreateUnbounded<(ReadOnlyMemory<byte> Bytes, bool Audio)>(new UnboundedChannelOptions { SingleReader = true });
        var audioQueued = 0;
        var messagesQueued = 0;
        var stopAudio = call.Tap.Listen(bytes =>
        {
            if (Interlocked.Increment(ref audioQueued) > ListenAudioBacklog) Interlocked.Decrement(ref audioQueued);
            else outgoing.Writer.TryWrite((bytes, true));
        });
        void OnMessage(JsonObject message)
        {
            var kept = JsonRead.String(message["type"]) is "status-update" or "end-of-call-report";
            if (Interlocked.Increment(ref messagesQueued) > ListenMessageBacklog && !kept)
            {
                Interlocked.Decrement(ref messagesQueued);
                return;
            }
            outgoing.Writer.TryWrite((Parley.Core.Json.JsonText.Utf8Of(message), false));
        }
        call.Messages.Published += OnMessage;
        // The listen socket closes when the call has ended (after its report) or the listener hangs up.
        using var callEnded = call.Ended.Register(() => outgoing.Writer.TryComplete());
        var hungUp = http.RequestAborted;
        try
        {
            await foreach (var (bytes, audio) in outgoing.Reader.ReadAllAsync(hungUp))
            {
                Interlocked.Decrement(ref audio ? ref audioQueued : ref messagesQueued);
                await socket.SendAsync(bytes, audio ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, hungUp);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            stopAudio();
            call.Messages.Published -= OnMessage;
        }
        // A listener that stopped reading must not hold this request open: the close has a limit too.
        await WebSocketClosing.CloseWithinLimitAsync(socket, WebSocketCloseStatus.NormalClosure, "call ended", waitForReply: false);
        return Results.Empty;
    }

    /// <summary>
    /// assistant.monitorPlan: listening and control are on unless disabled, and need no key unless
    /// <c>*AuthenticationEnabled</c> asks for the org's key (<c>Authorization: Bearer</c>, public or private).
    /// </summary>
    private static async Task<IResult?> MonitorRefusalAsync(HttpContext http, LiveCall call, string enabledFlag, string authenticationFlag)
    {
        if (JsonRead.Bool(call.MonitorPlan?[enabledFlag]) == false)
            return VapiErrors.Forbidden($"monitorPlan.{enabledFlag} is false for this call's assistant");
        if (JsonRead.Bool(call.MonitorPlan?[authenticationFlag]) != true) return null;
        var caller = await ApiKeyAuthentication.AuthenticateAsync(http);
        return caller?.OrgId == call.OrgId ? null : VapiErrors.Unauthorized(ApiKeyAuthentication.InvalidKeyMessage);
    }

    private static async Task<IResult> RecordingAsync(string id, RecordingView view, HttpContext http, ApiServices api)
    {
        var row = await api.Db.Calls.ForOrg(http.Caller().OrgId).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, http.RequestAborted);
        if (row is null) return VapiErrors.NotFound("Call not found");
        var path = CallRecordWriter.RecordingPath(api.Options, id);
        if (row.Status != "ended" || !File.Exists(path))
            return VapiErrors.NotFound(row.Status == "ended" ? "This call has no recording (artifactPlan.recordingEnabled was false)" : $"The recording is ready once the call has ended (status: {row.Status})");
        if (!RecordingChannels.IsStereoRecording(path))
        {
            // Not the client's doing: the file on disk is not what Parley wrote. Said plainly, and logged for the operator.
            http.RequestServices.GetRequiredService<ILogger<RecordingFileLog>>().LogError("Call {CallId}: the recording at {Path} is not a stereo PCM16 WAV", id, path);
            return VapiErrors.NotFound("This call's recording file cannot be read (it is not the WAV Parley wrote)");
        }
        var name = view == RecordingView.Stereo ? $"{id}.wav" : $"{id}-{view.ToString().ToLowerInvariant()}.wav";
        return Results.Stream(body => RecordingChannels.WriteAsync(path, view, body, http.RequestAborted), "audio/wav", name);
    }

    /// <summary>The log category for recording files that cannot be served.</summary>
    private sealed class RecordingFileLog;
}
