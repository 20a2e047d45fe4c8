using System.Threading.Channels;
using Parley.Core.Conversations;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Simulation;

/// <summary>Runs every tool call by waiting <see cref="Duration"/> on the clock and answering <see cref="Result"/>.</summary>
public sealed class FakeToolRound(TimeProvider clock) : IToolRound
{
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(1);
    public string Result { get; set; } = "ok";

    /// <summary>When each tool began to run, on the call's clock.</summary>
    public List<DateTimeOffset> Started { get; } = [];

    public async Task<ToolRoundResult> RunAsync(IReadOnlyList<ToolCall> calls, ConversationContext context,
        ChannelWriter<ConversationEvent> events, CancellationToken cancellationToken)
    {
        Started.Add(clock.GetUtcNow());
        await Task.Delay(Duration, clock, cancellationToken);
        foreach (var call in calls) await events.WriteAsync(new ToolCallCompleted(call, Result, false), cancellationToken);
        return new ToolRoundResult(calls.Select(c => ChatMessage.ToolResult(c.Id, c.Name, Result)).ToList(), null, []);
    }
}
