using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Http;
using Parley.Core.ServerMessages;

namespace Parley.Core.Tools;

/// <summary>
/// Runs endCall, transferCall, dtmf and sms through <see cref="ICallControl"/>. transferCall picks the destination
/// the model named among the tool's destinations, or asks the server (<c>transfer-destination-request</c>) when the
/// tool has none.
/// </summary>
public sealed class CallControlToolExecutor(ICallControl control, ServerMessenger messenger) : IToolExecutor
{
    public bool CanExecute(string toolType) => toolType is "endCall" or "transferCall" or "dtmf" or "sms";

    public async Task<ToolOutcome> ExecuteAsync(ToolInvocation invocation, ConversationContext context, CancellationToken cancellationToken)
    {
        var arguments = invocation.Arguments;
        switch (invocation.Tool.Type)
        {
            case "endCall":
                return await control.EndCallAsync(context, cancellationToken);
            case "dtmf":
                var keys = arguments["keys"]?.ToString();
                return string.IsNullOrEmpty(keys)
                    ? new ToolFailed("dtmf needs a 'keys' argument, e.g. \"1234#\".")
                    : await control.SendDtmfAsync(keys, context, cancellationToken);
            case "sms":
                var text = arguments["message"]?.ToString();
                return string.IsNullOrEmpty(text)
                    ? new ToolFailed("sms needs a 'message' argument.")
                    : await control.SendSmsAsync(text, invocation.Tool.Definition, context, cancellationToken);
            default:
                var destination = ChooseDestination(invocation.Tool.Definition, arguments["destination"]?.ToString())
                                  ?? await AskServerAsync(invocation, context, cancellationToken);
                return destination is null
                    ? new ToolFailed("No transfer destination: the tool has no destinations matching the request and the server named none.")
                    : await control.TransferAsync(destination, context, cancellationToken);
        }
    }

    /// <summary>The configured destination whose number, SIP URI or assistant name the model gave (the only one when just one exists).</summary>
    public static JsonObject? ChooseDestination(JsonObject tool, string? requested)
    {
        var destinations = (tool["destinations"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (destinations.Count == 0) return null;
        var match = destinations.FirstOrDefault(d =>
            requested is not null && (d["number"]?.ToString() == requested || d["sipUri"]?.ToString() == requested || d["assistantName"]?.ToString() == requested));
        return (JsonObject?)(match ?? (destinations.Count == 1 ? destinations[0] : null))?.DeepClone();
    }

    private async Task<JsonObject?> AskServerAsync(ToolInvocation invocation, ConversationContext context, CancellationToken cancellationToken)
    {
        var answer = await messenger.SendAsync(context, ServerMessageTypes.TransferDestinationRequest,
            new JsonObject { ["artifact"] = ServerMessenger.Artifact(context) }, invocation.Tool.Definition, cancellationToken);
        return answer is OutboundResponse { IsSuccess: true, Body: JsonObject body } && body["destination"] is JsonObject destination
            ? (JsonObject)destination.DeepClone()
            : null;
    }
}
