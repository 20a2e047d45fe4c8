using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Conversations;
using Parley.Core.Tools;
using Parley.Core.Tests.Support;

namespace Parley.Core.Tests.Tools;

// Invariant: a tool with a blocking request-start message runs only once whoever speaks the message says it was heard;
// if it never will be, that tool fails with a reason and the round's other tools keep their results.
public sealed class ToolRoundBlockingTests
{
    /// <summary>A blocking request-start message for tool "transfer_desk" only.</summary>
    private sealed class BlockingStartRules : IToolCallRules
    {
        public string? RejectionReason(ResolvedTool tool, ConversationContext context) => null;
        public IReadOnlyList<ToolMessage> Messages(ResolvedTool tool, string type, JsonObject arguments, ConversationContext context) =>
            tool.Name == "transfer_desk" && type == "request-start" ? [new ToolMessage(type, "Putting you through.", Blocking: true)] : [];
    }

    private static JsonObject Tool(string name) => new() { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } };

    private static (ToolRound Round, RecordingToolExecutor Executor) Round()
    {
        var executor = new RecordingToolExecutor(invocation => new ToolSucceeded(invocation.Call.Name + " done"));
        return (new ToolRound(new ToolCatalog([Tool("transfer_desk"), Tool("lookup")]), [executor], new BlockingStartRules()), executor);
    }

    private static readonly Llm.ToolCall[] Calls = [new("c1", "transfer_desk", "{}"), new("c2", "lookup", "{}")];

    [Fact]
    public async Task The_blocked_tool_waits_until_its_message_is_said_and_the_other_runs_at_once()
    {
        var (round, executor) = Round();
        var events = Channel.CreateUnbounded<ConversationEvent>();

        var running = round.RunAsync(Calls, TestContexts.Create(), events.Writer, CancellationToken.None);
        var message = (ToolMessageTriggered)await events.Reader.ReadAsync();
        await Task.Delay(50);

        Assert.Equal("Putting you through.", message.Content);
        Assert.False(running.IsCompleted);
        Assert.Equal(["lookup"], executor.Invocations.Select(i => i.Call.Name));

        message.Said!.TrySetResult();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["transfer_desk done", "lookup done"], result.ToolMessages.Select(m => m.Content));
    }

    [Fact]
    public async Task A_message_that_will_never_be_said_fails_its_tool_and_keeps_the_others_result()
    {
        var (round, executor) = Round();
        var events = Channel.CreateUnbounded<ConversationEvent>();

        var running = round.RunAsync(Calls, TestContexts.Create(), events.Writer, CancellationToken.None);
        var message = (ToolMessageTriggered)await events.Reader.ReadAsync();
        message.Said!.TrySetCanceled();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["The tool 'transfer_desk' did not run: its request-start message could not be said.", "lookup done"],
            result.ToolMessages.Select(m => m.Content));
        Assert.Equal(["lookup"], executor.Invocations.Select(i => i.Call.Name));
    }
}
