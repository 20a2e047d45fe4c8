using System.Text.Json.Nodes;
using Parley.Core.Calls.Turns;
using Parley.Core.Conversations;
using Parley.Core.Http;

namespace Parley.Core.ServerMessages;

/// <summary>
/// Asks the user's server for the endpointing timeout: <c>call.endpointing.request</c> with the messages so far, sent to
/// the smartEndpointingPlan's server (else the assistant's, else the org's); the answer is <c>{"timeoutSeconds": n}</c>
/// (0 to 15). Anything else, or no answer, is null and the call falls back to transcription endpointing.
/// </summary>
public sealed class ServerEndpointingModel(ServerMessenger messenger, ConversationContext context, ServerTarget target) : ICustomEndpointingModel
{
    public const string MessageType = "call.endpointing.request";

    /// <summary>The model for <paramref name="plan"/> (the smartEndpointingPlan), or null when no server would take the request.</summary>
    public static ServerEndpointingModel? For(ServerMessenger messenger, ConversationContext context, JsonObject plan) =>
        ServerMessenger.TargetFor(context, plan) is { } target ? new ServerEndpointingModel(messenger, context, target) : null;

    public async Task<TimeSpan?> TimeoutAsync(JsonArray messages, CancellationToken cancellationToken)
    {
        var answer = await messenger.SendToAsync(context, target, MessageType, new JsonObject { ["messages"] = messages }, context.Call, cancellationToken);
        return answer is OutboundResponse { IsSuccess: true, Body: JsonObject body }
            && Json.JsonRead.NumberOrNumericString(body["timeoutSeconds"]) is { } seconds && seconds is >= 0 and <= 15
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
