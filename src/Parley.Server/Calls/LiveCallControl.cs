using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Session;
using Parley.Core.Conversations;
using Parley.Core.Tools;

namespace Parley.Server.Calls;

/// <summary>
/// The built-in call tools and hook transfers in a live call: endCall ends it once the assistant has finished
/// speaking; a transfer is announced (<c>transfer-update</c>), recorded in the artifact and ends the call as
/// <c>assistant-forwarded-call</c>, since a WebSocket call has no phone line to bridge. dtmf and sms need telephony.
/// </summary>
public sealed class LiveCallControl : ICallControl, ICallTransfer
{
    private readonly List<JsonObject> _transfers = [];

    /// <summary>Set once the session exists (it is built after the conversation that needs this control).</summary>
    public CallSession? Session { get; set; }

    public ICallMessageSink? Messages { get; set; }

    /// <summary>Transfers asked for during the call, for the artifact.</summary>
    public JsonArray Transfers()
    {
        lock (_transfers) return new JsonArray(_transfers.Select(t => (JsonNode?)t.DeepClone()).ToArray());
    }

    public Task<ToolOutcome> EndCallAsync(ConversationContext context, CancellationToken cancellationToken)
    {
        Session?.EndAfterReply("assistant-ended-call");
        return Task.FromResult<ToolOutcome>(new ToolSucceeded("The call is ending."));
    }

    public Task<ToolOutcome> TransferAsync(JsonObject destination, ConversationContext context, CancellationToken cancellationToken)
    {
        Transfer(destination);
        var target = destination["number"]?.ToString() ?? destination["sipUri"]?.ToString() ?? destination["assistantName"]?.ToString() ?? "the destination";
        return Task.FromResult<ToolOutcome>(new ToolSucceeded($"Transferring the call to {target}."));
    }

    Task ICallTransfer.TransferAsync(JsonObject destination, CancellationToken cancellationToken)
    {
        Transfer(destination);
        return Task.CompletedTask;
    }

    public Task<ToolOutcome> SendDtmfAsync(string keys, ConversationContext context, CancellationToken cancellationToken) =>
        Task.FromResult<ToolOutcome>(new ToolFailed("Keypad tones (dtmf) need a phone line; this call is a WebSocket call."));

    public Task<ToolOutcome> SendSmsAsync(string message, JsonObject tool, ConversationContext context, CancellationToken cancellationToken) =>
        Task.FromResult<ToolOutcome>(new ToolFailed("Sending an SMS needs a Twilio phone number with SMS enabled; this call has none."));

    private void Transfer(JsonObject destination)
    {
        lock (_transfers) _transfers.Add(new JsonObject { ["destination"] = destination.DeepClone(), ["status"] = "requested" });
        Messages?.Publish(new JsonObject { ["type"] = "transfer-update", ["destination"] = destination.DeepClone() });
        Session?.Forwarding((JsonObject)destination.DeepClone());
        Session?.EndAfterReply("assistant-forwarded-call");
    }
}
