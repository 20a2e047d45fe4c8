using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Calls.Messages;
using Parley.Core.Conversations;
using Parley.Core.Http;
using Parley.Core.Json;
using Parley.Core.ServerMessages;
using Parley.Server.Api.Resources;

namespace Parley.Server.Calls;

/// <summary>
/// Where a live call's messages go: to the caller's socket when <c>assistant.clientMessages</c> (or Vapi's default
/// set) lists the type, and to the resolved server URL when <c>serverMessages</c> does. Webhooks are posted by one
/// background sender per call, in order, so the session loop never waits on a slow server. A webhook carries the call
/// record as it stood when its message was published, however late the sender gets to it; the ended status-update is
/// where that record becomes ended.
/// </summary>
public sealed class CallMessageRouter : ICallMessageSink
{
    /// <summary>Vapi's documented default for <c>assistant.clientMessages</c>.</summary>
    public static readonly IReadOnlySet<string> DefaultClientMessages = new HashSet<string>(StringComparer.Ordinal)
    {
        "conversation-update", "function-call", "hang", "model-output", "speech-update", "status-update", "transfer-update",
        "transcript", "tool-calls", "user-interrupted", "voice-input", "workflow.node.started", "assistant.started",
    };

    private readonly ICallMessageSink _client;
    private readonly ServerMessenger _server;
    private readonly ConversationContext _context;
    private readonly ILogger _logger;
    private readonly IReadOnlySet<string> _clientTypes;
    // Where webhooks go and which types it takes; null when the call has no server URL. Both are fixed for the call.
    private readonly ServerTarget? _webhookTarget;
    private readonly ServerSubscription? _webhookTypes;
    private readonly Channel<QueuedWebhook> _webhooks = Channel.CreateUnbounded<QueuedWebhook>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;

    public CallMessageRouter(ICallMessageSink client, ServerMessenger server, ConversationContext context, ILogger logger)
    {
        _client = client;
        _server = server;
        _context = context;
        _logger = logger;
        _clientTypes = context.Assistant["clientMessages"] is JsonArray chosen
            ? chosen.Select(JsonRead.String).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : DefaultClientMessages;
        // Read once: a call publishes a message per token, and a webhook type with no server to take it is no webhook.
        _webhookTarget = ServerMessenger.TargetFor(context, null);
        _webhookTypes = _webhookTarget is null ? null : ServerSubscription.Of(context.Assistant);
        _sender = SendWebhooksAsync();
    }

    /// <summary>The end-of-call report, once the session has published it.</summary>
    public JsonObject? EndOfCallReport { get; private set; }

    /// <summary>When the session said the call ended (its ended status-update), as the call record then says.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Hooks that watch every message the call publishes (listen sockets).</summary>
    public event Action<JsonObject>? Published;

    public void Publish(JsonObject message)
    {
        var type = JsonRead.String(message["type"]) ?? "";
        message["timestamp"] ??= _context.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (type == "end-of-call-report")
        {
            // Held back: the runner adds the analysis, recording and providers before it goes out (SendEndOfCallReport).
            EndOfCallReport = message;
            return;
        }
        if (type == "status-update" && JsonRead.String(message["status"]) == "ended") MarkEnded(JsonRead.String(message["endedReason"]));
        if (_clientTypes.Contains(type)) _client.Publish(message);
        Published?.Invoke(message);
        // A tool's server gets its tool-calls request (and answers it) from the tool's executor; the call's own
        // tool-calls message is for the client and listeners, or the server would get every request twice.
        if (type != ServerMessageTypes.ToolCalls && WantsWebhook(type, JsonRead.String(message["transcriptType"])))
            _webhooks.Writer.TryWrite(new(message, _context.Call));
    }

    /// <summary>
    /// From here on the call's messages carry it ended, with the reason and time GET /call will answer: a new record
    /// (records already queued keep theirs), once per call.
    /// </summary>
    private void MarkEnded(string? endedReason)
    {
        if (EndedAt is not null || _context.Call is not { } call) return;
        EndedAt = _context.Clock.GetUtcNow();
        var ended = (JsonObject)call.DeepClone();
        CallRecord.End(ended, endedReason ?? EndedReasons.PlatformFault, EndedAt.Value);
        _context.Call = ended;
    }

    /// <summary>
    /// A transcript, speech-update or model-output: the caller's socket gets it written from its fields; a tree is built
    /// only when a listener or the server URL wants it.
    /// </summary>
    public void Publish(in StreamedMessage message)
    {
        var stamped = message.Timestamp is null ? message.WithTimestamp(_context.Clock.GetUtcNow().ToUnixTimeMilliseconds()) : message;
        var type = stamped.Type;
        if (_clientTypes.Contains(type)) _client.Publish(in stamped);
        var webhook = WantsWebhook(type, stamped.TranscriptType);
        if (Published is null && !webhook) return;
        var tree = stamped.ToJsonObject();
        Published?.Invoke(tree);
        if (webhook) _webhooks.Writer.TryWrite(new(tree, _context.Call));
    }

    /// <summary>Sends the completed end-of-call report to the server (when subscribed) and any listeners.</summary>
    public void SendEndOfCallReport(JsonObject report)
    {
        EndOfCallReport = report;
        Published?.Invoke(report);
        if (WantsWebhook(ServerMessageTypes.EndOfCallReport, null)) _webhooks.Writer.TryWrite(new(report, _context.Call));
    }

    private bool WantsWebhook(string type, string? transcriptType) => _webhookTypes?.Includes(type, transcriptType) == true;

    /// <summary>Waits for queued webhooks (the end-of-call report among them) to be sent, up to <paramref name="limit"/>.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        _webhooks.Writer.TryComplete();
        await Task.WhenAny(_sender, Task.Delay(limit));
    }

    private async Task SendWebhooksAsync()
    {
        await foreach (var (message, call) in _webhooks.Reader.ReadAllAsync())
        {
            var type = JsonRead.String(message["type"])!;
            // The message is the fields as they are (the messenger copies them, and its own type and timestamp give way
            // to the message's): a webhook queued behind a slow server still says when it happened.
            try
            {
                // Only what WantsWebhook let through is queued, so only a call with a target queues anything.
                var result = await _server.SendToAsync(_context, _webhookTarget!, type, message, call, CancellationToken.None);
                switch (result)
                {
                    case OutboundResponse { IsSuccess: false } response:
                        _logger.LogWarning("Call {CallId}: the server answered the {Type} message with HTTP {Status}", CallId, type, response.StatusCode);
                        break;
                    case OutboundFailure failure:
                        _logger.LogWarning("Call {CallId}: the {Type} server message was not delivered: {Error}", CallId, type, failure.Reason);
                        break;
                }
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Call {CallId}: sending the {Type} server message failed", CallId, type);
            }
        }
    }

    private string? CallId => JsonRead.String(_context.Call?["id"]);

    private readonly record struct QueuedWebhook(JsonObject Message, JsonObject? Call);
}
