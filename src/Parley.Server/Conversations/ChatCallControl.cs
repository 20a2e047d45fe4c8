using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Tools;

namespace Parley.Server.Conversations;

/// <summary>
/// The built-in call tools in a text chat: nothing to hang up or dial, so each reports what it would do and the
/// chosen destination is recorded for the client to act on.
/// </summary>
public sealed class ChatCallControl : ICallControl
{
    public List<JsonObject> Actions { get; } = [];

    public Task<ToolOutcome> EndCallAsync(ConversationContext context, CancellationToken cancellationToken)
    {
        Actions.Add(new JsonObject { ["type"] = "end-call" });
        return Task.FromResult<ToolOutcome>(new ToolSucceeded("The conversation has been ended."));
    }

    public Task<ToolOutcome> TransferAsync(JsonObject destination, ConversationContext context, CancellationToken cancellationToken)
    {
        Actions.Add(new JsonObject { ["type"] = "transfer", ["destination"] = destination.DeepClone() });
        var target = destination["number"]?.ToString() ?? destination["sipUri"]?.ToString() ?? destination["assistantName"]?.ToString() ?? "the destination";
        return Task.FromResult<ToolOutcome>(new ToolSucceeded($"Transfer to {target} requested."));
    }

    public Task<ToolOutcome> SendDtmfAsync(string keys, ConversationContext context, CancellationToken cancellationToken) =>
        Task.FromResult<ToolOutcome>(new ToolFailed("Keypad tones (dtmf) need a phone call; this is a text chat."));

    public Task<ToolOutcome> SendSmsAsync(string message, JsonObject tool, ConversationContext context, CancellationToken cancellationToken) =>
        Task.FromResult<ToolOutcome>(new ToolFailed("Sending an SMS needs a Twilio phone number with SMS enabled; none is configured for this chat."));
}
