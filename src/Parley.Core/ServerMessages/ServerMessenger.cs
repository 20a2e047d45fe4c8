using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Http;
using Parley.Core.Templates;

namespace Parley.Core.ServerMessages;

/// <summary>
/// Sends Vapi server messages (webhooks): <c>POST {"message": {...}}</c> to the resolved server, with its secret,
/// templated headers, credential auth, timeout and backoff, when the assistant subscribes to the type.
/// </summary>
public sealed class ServerMessenger(IOutboundRequestSender sender, ITemplateRenderer templates)
{
    /// <summary>Whether the assistant's <c>serverMessages</c> (or Vapi's default set) includes the type.</summary>
    public static bool IsSubscribed(JsonObject assistant, string type, JsonObject? fields = null) =>
        ServerSubscription.Of(assistant).Includes(type, Json.JsonRead.String(fields?["transcriptType"]));

    /// <summary>The message object with Vapi's common fields: type, timestamp, call or chat, assistant, customer, phoneNumber.</summary>
    public static JsonObject Message(ConversationContext context, string type, JsonObject fields) => Message(context, type, fields, context.Call);

    /// <param name="call">The call record as it stood when the message happened (a queued webhook is built later).</param>
    private static JsonObject Message(ConversationContext context, string type, JsonObject fields, JsonObject? call)
    {
        // A "timestamp" among the fields (when the message happened) overrides the time it is built.
        var message = new JsonObject { ["timestamp"] = context.Clock.GetUtcNow().ToUnixTimeMilliseconds(), ["type"] = type };
        // Frozen parts (a conversation-update's history) are copied as they are, not written out and parsed back.
        foreach (var (key, value) in fields) message[key] = Json.FrozenJson.Copy(value);
        if (call is not null) message["call"] = call.DeepClone();
        if (context.Chat is not null) message["chat"] = context.Chat.DeepClone();
        message["assistant"] = context.Assistant.DeepClone();
        if (context.Customer is not null) message["customer"] = context.Customer.DeepClone();
        if (context.PhoneNumber is not null) message["phoneNumber"] = context.PhoneNumber.DeepClone();
        return message;
    }

    /// <summary>The live artifact: messages so far in both formats, and the conversation's variables.</summary>
    public static JsonObject Artifact(ConversationContext context) => new()
    {
        ["messages"] = context.HistoryJson(),
        ["messagesOpenAIFormatted"] = context.HistoryJson(),
        ["variableValues"] = context.VariableValues.DeepClone(),
    };

    /// <summary>
    /// Sends a message. Returns null when nothing was sent (no server configured, or not subscribed);
    /// otherwise how the server answered. Never throws for network or HTTP failures.
    /// </summary>
    public async Task<OutboundResult?> SendAsync(ConversationContext context, string type, JsonObject fields,
        JsonObject? tool, CancellationToken cancellationToken)
    {
        if (!IsSubscribed(context.Assistant, type, fields) && type != ServerMessageTypes.ToolCalls) return null;
        var target = ServerTargetResolver.Resolve(tool, context.Assistant, context.PhoneNumber, context.Org);
        if (target is null) return null;
        return await SendToAsync(context, target, type, fields, context.Call, cancellationToken);
    }

    /// <summary>
    /// Sends a message to a target already resolved, for a caller that has decided the message is wanted (a call's
    /// router reads the subscription and the server once, not per message), with the call record as it stood when the
    /// message happened. Never throws for network or HTTP failures.
    /// </summary>
    public Task<OutboundResult> SendToAsync(ConversationContext context, ServerTarget target, string type, JsonObject fields,
        JsonObject? call, CancellationToken cancellationToken) =>
        sender.SendAsync(BuildRequest(context, target, new JsonObject { ["message"] = Message(context, type, fields, call) }), cancellationToken);

    /// <summary>Where a message of this conversation would go, for error messages.</summary>
    public static ServerTarget? TargetFor(ConversationContext context, JsonObject? tool) =>
        ServerTargetResolver.Resolve(tool, context.Assistant, context.PhoneNumber, context.Org);

    /// <summary>A header whose template fails to render is sent as written rather than dropping the request.</summary>
    private string RenderOrKeep(string text, JsonObject scope)
    {
        if (!text.Contains("{{") && !text.Contains("{%")) return text;
        try { return templates.Render(text, scope); }
        catch (Exception) { return text; }
    }

    public OutboundRequest BuildRequest(ConversationContext context, ServerTarget target, JsonObject body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (target.Headers is not null)
        {
            var scope = context.TemplateScope();
            foreach (var (name, value) in target.Headers)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    headers[name] = RenderOrKeep(text, scope);
                else if (value is not null)
                    headers[name] = value.ToJsonString();
            }
        }
        return new OutboundRequest
        {
            Method = HttpMethod.Post,
            Url = target.Url,
            Headers = headers,
            Body = body,
            Secret = target.Secret,
            CredentialId = target.CredentialId,
            EncryptedPaths = target.EncryptedPaths,
            Timeout = target.Timeout,
            BackoffPlan = target.BackoffPlan,
        };
    }
}
