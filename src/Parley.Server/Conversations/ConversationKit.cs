using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Llm;
using Parley.Core.ServerMessages;
using Parley.Core.Tools;

namespace Parley.Server.Conversations;

/// <summary>Everything one conversation needs to run a turn: its context, model, tools and messenger.</summary>
public sealed record ConversationKit(ConversationContext Context, ConversationRunner Runner, ModelSettings Settings, ServerMessenger Messenger)
{
    /// <summary>The tool round of this conversation, for tools run outside a model turn (hooks).</summary>
    public required ToolRound Tools { get; init; }
}

/// <summary>Builds the per-conversation objects for an org: sender with its credentials, executors, rules.</summary>
public interface IConversationFactory
{
    /// <summary>A kit, or a clear error (unknown provider, missing key...) to answer with.</summary>
    Task<(ConversationKit? Kit, string? Error)> CreateAsync(ConversationStart start, ICallControl control, CancellationToken cancellationToken);
}

/// <summary>What a conversation starts from.</summary>
public sealed record ConversationStart(
    string OrgId,
    ResolvedAssistant Assistant,
    JsonObject VariableValues,
    JsonObject? Call,
    JsonObject? Chat,
    JsonObject? Customer,
    JsonObject? PhoneNumber,
    JsonObject? Org);
