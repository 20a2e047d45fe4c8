using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Llm;
using Parley.Core.Tests.Support;
using Parley.Core.Tools;

namespace Parley.Core.Tests.Conversations;

/// <summary>
/// One assistant turn: the model's tool calls run (in parallel), their results go back to the model, and the turn
/// ends when the model answers with text — or at once when a tool's request-complete message is spoken instead.
/// </summary>
public sealed class ConversationRunnerTests
{
    /// <summary>Answers each tool with its name and arguments; "broken" fails.</summary>
    private static RecordingToolExecutor EchoExecutor() => new(invocation => invocation.Call.Name == "broken"
        ? new ToolFailed("it broke")
        : new ToolSucceeded($"{invocation.Call.Name}({invocation.Arguments.ToJsonString()})"));

    private sealed class Rules(Func<ResolvedTool, string, IReadOnlyList<ToolMessage>>? messages = null, string? reject = null) : IToolCallRules
    {
        public string? RejectionReason(ResolvedTool tool, ConversationContext context) => tool.Name == "guarded" ? reject : null;
        public IReadOnlyList<ToolMessage> Messages(ResolvedTool tool, string type, JsonObject arguments, ConversationContext context) =>
            messages?.Invoke(tool, type) ?? [];
    }

    private static JsonObject Function(string name) => new() { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } };

    private static async Task<List<ConversationEvent>> Run(ScriptedModel model, IToolCallRules rules, RecordingToolExecutor executor, params string[] tools)
    {
        var catalog = new ToolCatalog(tools.Select(Function));
        var runner = new ConversationRunner(model, catalog, new ToolRound(catalog, [executor], rules));
        var context = TestContexts.Create();
        context.History.Add(ChatMessage.User("hi"));
        var events = new List<ConversationEvent>();
        await foreach (var e in runner.RespondAsync(context, new ModelSettings("openai", "gpt-4o", 0.5, 250), CancellationToken.None)) events.Add(e);
        return events;
    }

    [Fact]
    public async Task Tool_results_go_back_to_the_model_until_it_answers_with_text()
    {
        var model = new ScriptedModel(ScriptedModel.CallTool("c1", "lookup", """{"id":7}"""), ScriptedModel.Text("Found it."));
        var executor = EchoExecutor();
        var events = await Run(model, new Rules(), executor, "lookup");

        Assert.Equal(2, model.Requests.Count);
        var second = model.Requests[1].Messages;
        Assert.Equal(ChatRole.Assistant, second[^2].Role);
        Assert.Equal("""{"id":7}""", second[^2].ToolCalls.Single().ArgumentsJson);
        Assert.Equal(ChatRole.Tool, second[^1].Role);
        Assert.Equal("c1", second[^1].ToolCallId);
        Assert.Equal("""lookup({"id":7})""", second[^1].Content);
        var done = Assert.IsType<AssistantTurnCompleted>(events.Last());
        Assert.Equal(["assistant", "tool", "assistant"], done.Output.Select(m => m["role"]!.GetValue<string>()));
        Assert.Equal(20, done.Usage.PromptTokens);
    }

    [Fact]
    public async Task Parallel_tool_calls_all_run_and_all_results_are_returned()
    {
        var model = new ScriptedModel(
            [new ChatToolCallDelta(0, "a", "one", "{}"), new ChatToolCallDelta(1, "b", "two", "{}"), new ChatCompleted(ChatFinishReason.ToolCalls, ChatUsage.None)],
            ScriptedModel.Text("both done"));
        var executor = EchoExecutor();
        await Run(model, new Rules(), executor, "one", "two");

        Assert.Equal(["one", "two"], executor.Invocations.Select(c => c.Call.Name).Order());
        Assert.Equal(["a", "b"], model.Requests[1].Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.ToolCallId));
    }

    [Fact]
    public async Task A_request_complete_message_is_spoken_instead_of_asking_the_model_again()
    {
        var model = new ScriptedModel(ScriptedModel.CallTool("c1", "book", "{}"));
        var rules = new Rules((_, type) => type == "request-complete" ? [new ToolMessage(type, "Booked!")] : []);
        var events = await Run(model, rules, EchoExecutor(), "book");

        Assert.Single(model.Requests);
        Assert.Contains(events, e => e is ToolMessageTriggered { MessageType: "request-complete", Content: "Booked!" });
        Assert.Equal("Booked!", ((AssistantTurnCompleted)events.Last()).Output.Last()["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_start_and_failed_messages_are_reported_around_the_call()
    {
        var model = new ScriptedModel(ScriptedModel.CallTool("c1", "broken", "{}"), ScriptedModel.Text("sorry"));
        var rules = new Rules((_, type) => type == "request-start" ? [new ToolMessage(type, "Working on it")] : []);
        var events = await Run(model, rules, EchoExecutor(), "broken");

        var order = events.Select(e => e switch
        {
            ToolMessageTriggered m => m.MessageType,
            ToolCallCompleted c => c.Failed ? "failed" : "ok",
            _ => null,
        }).OfType<string>();
        Assert.Equal(["request-start", "failed"], order);
        Assert.Equal("it broke", model.Requests[1].Messages.Last().Content);
    }

    [Fact]
    public async Task A_rejected_call_does_not_run_and_the_model_is_told_why()
    {
        var model = new ScriptedModel(ScriptedModel.CallTool("c1", "guarded", "{}"), ScriptedModel.Text("ok"));
        var executor = EchoExecutor();
        await Run(model, new Rules(reject: "the user did not say goodbye"), executor, "guarded");

        Assert.Empty(executor.Invocations);
        Assert.Equal("The tool call was rejected and did not run: the user did not say goodbye", model.Requests[1].Messages.Last().Content);
    }

    [Fact]
    public async Task Unknown_tools_and_bad_arguments_become_results_not_crashes()
    {
        var model = new ScriptedModel(
            [new ChatToolCallDelta(0, "a", "nope", "{}"), new ChatToolCallDelta(1, "b", "lookup", "{not json"), new ChatCompleted(ChatFinishReason.ToolCalls, ChatUsage.None)],
            ScriptedModel.Text("ok"));
        await Run(model, new Rules(), EchoExecutor(), "lookup");

        var results = model.Requests[1].Messages.Where(m => m.Role == ChatRole.Tool).Select(m => m.Content).ToList();
        Assert.Equal("There is no tool named 'nope'.", results[0]);
        Assert.Equal("The arguments for 'lookup' are not a JSON object: {not json", results[1]);
    }

    [Fact]
    public async Task A_model_that_never_stops_calling_tools_is_cut_off()
    {
        var answers = Enumerable.Range(0, 20).Select(i => ScriptedModel.CallTool($"c{i}", "lookup", "{}")).ToArray();
        var model = new ScriptedModel(answers);
        var events = await Run(model, new Rules(), EchoExecutor(), "lookup");
        Assert.Equal(ConversationRunner.MaxToolRounds, model.Requests.Count);
        Assert.IsType<AssistantTurnCompleted>(events.Last());
    }

    [Fact]
    public async Task A_model_failure_ends_the_turn_with_the_reason()
    {
        var model = new ScriptedModel([new ChatFailed(ProviderFailureKind.Permanent, 401, "bad key")]);
        var events = await Run(model, new Rules(), EchoExecutor());
        var failed = Assert.IsType<AssistantTurnFailed>(events.Last());
        Assert.Equal("bad key", failed.Message);
        Assert.Equal(401, failed.StatusCode);
    }
}

/// <summary>request-response-delayed messages are said only when the tool is still running at their time.</summary>
public sealed class DelayedToolMessageTests
{
    private sealed class GatedExecutor : IToolExecutor
    {
        public TaskCompletionSource<ToolOutcome> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool CanExecute(string toolType) => true;
        public Task<ToolOutcome> ExecuteAsync(ToolInvocation invocation, ConversationContext context, CancellationToken cancellationToken) => Gate.Task;
    }

    private sealed class DelayedRules : IToolCallRules
    {
        public string? RejectionReason(ResolvedTool tool, ConversationContext context) => null;
        public IReadOnlyList<ToolMessage> Messages(ResolvedTool tool, string type, JsonObject arguments, ConversationContext context) =>
            type == "request-response-delayed"
                ? [new ToolMessage(type, "Still working on it", TimingMilliseconds: 1000), new ToolMessage(type, "Almost there", TimingMilliseconds: 5000)]
                : [];
    }

    [Fact]
    public async Task Only_the_delayed_messages_whose_time_passed_are_said()
    {
        var clock = new Parley.Core.Llm.Testing.ManualTimeProvider();
        var model = new ScriptedModel(ScriptedModel.CallTool("c1", "slow", "{}"), ScriptedModel.Text("done"));
        var catalog = new ToolCatalog([new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "slow" } }]);
        var executor = new GatedExecutor();
        var runner = new ConversationRunner(model, catalog, new ToolRound(catalog, [executor], new DelayedRules()));
        var context = new ConversationContext
        {
            OrgId = "o", Assistant = new JsonObject(), Clock = clock,
            ScopeBuilder = (c, extra) => extra ?? new JsonObject(),
        };
        context.History.Add(ChatMessage.User("go"));

        var events = new List<ConversationEvent>();
        var run = Task.Run(async () =>
        {
            await foreach (var e in runner.RespondAsync(context, new ModelSettings("openai", "m", null, null), CancellationToken.None))
                lock (events) events.Add(e);
        });

        await WaitUntil(() => clock.PendingTimers >= 2);
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        await WaitUntil(() => { lock (events) return events.OfType<ToolMessageTriggered>().Any(); });
        executor.Gate.SetResult(new ToolSucceeded("ok"));
        await run;

        var said = events.OfType<ToolMessageTriggered>().Select(m => m.Content).ToList();
        Assert.Equal(["Still working on it"], said);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "the condition was not reached");
    }
}
