using System.Threading.Channels;
using Parley.Core.Llm;

namespace Parley.Core.Conversations;

/// <summary>How a round of tool calls ended, and what the assistant does next.</summary>
public sealed record ToolRoundResult(IReadOnlyList<ChatMessage> ToolMessages, string? SpokenInsteadOfModel, IReadOnlyList<string> SystemMessages);

/// <summary>Runs the tool calls of one model answer, reporting tool messages as events as they happen.</summary>
public interface IToolRound
{
    Task<ToolRoundResult> RunAsync(IReadOnlyList<ToolCall> calls, ConversationContext context,
        ChannelWriter<ConversationEvent> events, CancellationToken cancellationToken);
}
