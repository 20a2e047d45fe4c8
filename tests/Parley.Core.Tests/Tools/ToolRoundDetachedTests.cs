using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Tools;
using Parley.Core.Tests.Support;

namespace Parley.Core.Tests.Tools;

// Invariant: a tool run outside a model turn (a hook's action) passes the same rejection plan and executor choice as
// the model's calls, and a failing executor comes back as a ToolFailed, never as an exception.
public sealed class ToolRoundDetachedTests
{
    /// <summary>Runs function tools only, answering <paramref name="answer"/>.</summary>
    private static RecordingToolExecutor RecordingExecutor(Func<ToolInvocation, ToolOutcome> answer) => new(answer, type => type == "function");

    /// <summary>Rejects every tool when given a reason; no messages.</summary>
    private sealed class RejectAll(string? reason) : IToolCallRules
    {
        public string? RejectionReason(ResolvedTool tool, ConversationContext context) => reason;
        public IReadOnlyList<ToolMessage> Messages(ResolvedTool tool, string type, JsonObject arguments, ConversationContext context) => [];
    }

    private static ResolvedTool Tool(string type = "function") =>
        ToolCatalog.Resolve(new JsonObject { ["type"] = type, ["function"] = new JsonObject { ["name"] = "notify_crm" } })!;

    [Fact]
    public async Task An_allowed_tool_runs_with_no_arguments()
    {
        var executor = RecordingExecutor(_ => new ToolSucceeded("ok"));
        var round = new ToolRound(new ToolCatalog([]), [executor], new RejectAll(null));

        var outcome = await round.RunDetachedAsync(Tool(), TestContexts.Create(), CancellationToken.None);

        Assert.Equal("ok", Assert.IsType<ToolSucceeded>(outcome).Result);
        var invocation = Assert.Single(executor.Invocations);
        Assert.Equal("notify_crm", invocation.Call.Name);
        Assert.Empty(invocation.Arguments);
    }

    [Fact]
    public async Task The_rejection_plan_stops_a_hook_tool_before_it_runs()
    {
        var executor = RecordingExecutor(_ => new ToolSucceeded("ok"));
        var round = new ToolRound(new ToolCatalog([]), [executor], new RejectAll("the caller asked not to be contacted"));

        var outcome = await round.RunDetachedAsync(Tool(), TestContexts.Create(), CancellationToken.None);

        Assert.Equal("the caller asked not to be contacted", Assert.IsType<ToolRejected>(outcome).Reason);
        Assert.Empty(executor.Invocations);
    }

    [Fact]
    public async Task A_throwing_executor_and_a_type_nobody_runs_come_back_as_failures()
    {
        var throwing = new ToolRound(new ToolCatalog([]), [RecordingExecutor(_ => throw new InvalidOperationException("crm down"))], new RejectAll(null));
        var failed = Assert.IsType<ToolFailed>(await throwing.RunDetachedAsync(Tool(), TestContexts.Create(), CancellationToken.None));
        Assert.Contains("crm down", failed.Error);

        var unknown = new ToolRound(new ToolCatalog([]), [RecordingExecutor(_ => new ToolSucceeded("ok"))], new RejectAll(null));
        var notRun = Assert.IsType<ToolFailed>(await unknown.RunDetachedAsync(Tool("apiRequest"), TestContexts.Create(), CancellationToken.None));
        Assert.Contains("cannot run here", notRun.Error);
    }
}
