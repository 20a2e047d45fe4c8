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

    /// <summary>The call record (calls) or chat record (chats) sent along with server messages.</summary>
    public JsonObject? Call { get; init; }
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
