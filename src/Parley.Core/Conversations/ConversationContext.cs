using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Core.Conversations;

/// <summary>
/// The state of one conversation (a call or a chat) that tools, templates and server messages read: who it is
/// for, the resolved assistant, its variables and its history. Owned by one conversation at a time.
/// </summary>
public sealed class ConversationContext
{
    public required string OrgId { get; init; }

    /// <summary>The resolved assistant (overrides applied, secrets decrypted): what the model and tools run with.</summary>
    public required JsonObject Assistant { get; init; }

    private volatile JsonObject? _call;

    /// <summary>
    /// The call record sent along with server messages, as the call stands (queued, in progress, ended). A call's
    /// owner replaces it when the call moves on and never changes one in place, so whoever read it may clone it on
    /// any thread: a message costs the one clone it always did, and a transition one more.
    /// </summary>
    public JsonObject? Call { get => _call; set => _call = value; }

    /// <summary>The chat record (chats) sent along with server messages.</summary>
    public JsonObject? Chat { get; init; }
    public JsonObject? Customer { get; init; }
    public JsonObject? PhoneNumber { get; init; }

    /// <summary>The org's own settings; its <c>server</c> is the last fallback for server messages.</summary>
    public JsonObject? Org { get; init; }

    /// <summary>variableValues from the start of the conversation, then variables tools extracted.</summary>
    public JsonObject VariableValues { get; init; } = new();

    /// <summary>The conversation so far, in model format (system prompt first).</summary>
    public List<ChatMessage> History { get; } = [];

    public required TimeProvider Clock { get; init; }

    /// <summary>Builds the scope every template in this conversation renders over.</summary>
    public required Func<ConversationContext, JsonObject?, JsonObject> ScopeBuilder { get; init; }

    /// <summary>The Liquid scope: Vapi's default variables, customer, variableValues, then <paramref name="extra"/>.</summary>
    public JsonObject TemplateScope(JsonObject? extra = null) => ScopeBuilder(this, extra);

    /// <summary>The history in OpenAI JSON format, as server messages and rejection conditions see it.</summary>
    public JsonArray HistoryJson() => new(History.Select(m => (JsonNode?)OpenAiMessages.ToJson(m)).ToArray());
}
