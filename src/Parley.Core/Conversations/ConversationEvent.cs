using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Core.Conversations;

/// <summary>Something that happened while the assistant produced a reply, in order.</summary>
public abstract record ConversationEvent;

/// <summary>A piece of the assistant's reply text.</summary>
public sealed record AssistantTextDelta(string Text) : ConversationEvent;

/// <summary>The model asked for tools; the calls are about to run.</summary>
public sealed record ToolCallsRequested(IReadOnlyList<ToolCall> Calls) : ConversationEvent;

/// <summary>
/// A tool message was triggered (request-start, request-complete, request-failed, request-response-delayed):
/// spoken in calls, reported as an event in chats.
/// </summary>
public sealed record ToolMessageTriggered(string ToolCallId, string ToolName, string MessageType, string Content, string Role = "assistant") : ConversationEvent
{
    /// <summary>The message's endCallAfterSpokenEnabled (never for a system message): the call ends once it has been said.</summary>
    public bool EndCallAfterSpoken { get; init; }

    /// <summary>
    /// Set for a blocking request-start message: the tool waits for it. Whoever consumes the event completes it once
    /// the message has been heard (a call) or delivered (a chat), or cancels it when it never will be.
    /// </summary>
    public TaskCompletionSource? Said { get; init; }
}

/// <summary>A tool finished and its result was added to the conversation.</summary>
public sealed record ToolCallCompleted(ToolCall Call, string Result, bool Failed) : ConversationEvent;

/// <summary>One request to the model finished with this usage (a turn with tools makes several).</summary>
public sealed record ModelRequestCompleted(ChatUsage Usage) : ConversationEvent;

/// <summary>The assistant's turn ended; <see cref="Output"/> holds the new OpenAI-format messages.</summary>
public sealed record AssistantTurnCompleted(IReadOnlyList<JsonObject> Output, ChatUsage Usage) : ConversationEvent;

/// <summary>The model failed; the turn ends with this.</summary>
public sealed record AssistantTurnFailed(string Message, ProviderFailureKind Kind, int? StatusCode) : ConversationEvent;
