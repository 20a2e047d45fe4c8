using System.Text.Json.Nodes;
using Parley.Core.Conversations;

namespace Parley.Core.Tools;

/// <summary>
/// What the built-in call tools do to the conversation they run in. The call runtime and telephony implement it
/// for calls; chats implement it with what a text conversation can do.
/// </summary>
public interface ICallControl
{
    Task<ToolOutcome> EndCallAsync(ConversationContext context, CancellationToken cancellationToken);

    /// <summary>Transfers to a resolved destination (Vapi TransferDestinationNumber | Sip | Assistant JSON).</summary>
    Task<ToolOutcome> TransferAsync(JsonObject destination, ConversationContext context, CancellationToken cancellationToken);

    Task<ToolOutcome> SendDtmfAsync(string keys, ConversationContext context, CancellationToken cancellationToken);

    Task<ToolOutcome> SendSmsAsync(string message, JsonObject tool, ConversationContext context, CancellationToken cancellationToken);
}
