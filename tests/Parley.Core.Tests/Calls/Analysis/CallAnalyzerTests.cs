using System.Text.Json.Nodes;
using Parley.Core.Calls.Analysis;
using Parley.Core.Conversations;
using Parley.Core.Llm;
using Parley.Core.Llm.Testing;
using Parley.Core.Templates;
using Parley.Liquid;

namespace Parley.Core.Tests.Calls.Analysis;

// Invariant: analysis yields Vapi's call.analysis with exactly the parts whose plans are on, built from prompts that
// carry the call's transcript; a part that cannot be produced is absent (with a reason), never an exception.
public class CallAnalyzerTests
{
    private const string SummaryMarker = "expert note-taker";
    private const string DataMarker = "expert data extractor";
    private const string EvaluationMarker = "expert call evaluator";

    private const string Transcript = "AI: Hello, Acme Plumbing.\nUser: My sink is leaking, I'm Ann, 31 years old.\nAI: We'll send someone today.\n";

    private static readonly ModelSettings Settings = new("openai", "gpt-4o-mini", 0.7, 250);

    private static JsonArray Messages() => new(
        new JsonObject { ["role"] = "system", ["message"] = "You book plumbing visits.", ["time"] = 1, ["secondsFromStart"] = 0 },
        new JsonObject { ["role"] = "bot", ["message"] = "Hello, Acme Plumbing.", ["time"] = 2, ["endTime"] = 3, ["secondsFromStart"] = 0.5 },
        new JsonObject { ["role"] = "user", ["message"] = "My sink is leaking, I'm Ann, 31 years old.", ["time"] = 3, ["endTime"] = 4, ["secondsFromStart"] = 2 },
        new JsonObject { ["role"] = "bot", ["message"] = "We'll send someone today.", ["time"] = 4, ["endTime"] = 5, ["secondsFromStart"] = 5 });

    private static JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string" },
            ["age"] = new JsonObject { ["type"] = "number" },
        },
    };

    private static JsonObject StructuredPlan(JsonObject? extra = null)
    {
        var plan = new JsonObject { ["structuredDataPlan"] = new JsonObject { ["enabled"] = true, ["schema"] = Schema() } };
        foreach (var (key, value) in extra ?? []) plan[key] = value?.DeepClone();
        return plan;
    }

    [Fact]
    public async Task Default_plan_asks_for_a_summary_and_a_pass_fail_evaluation_with_the_transcript_in_the_prompt()
    {
        var model = new PromptRoutedModel()
            .Answers(SummaryMarker, "Ann reported a leaking sink; a plumber visit was booked for today.")
            .Answers(EvaluationMarker, "True.");

        var analysis = await new CallAnalyzer().AnalyzeAsync(null, Transcript, Messages(), model, Settings, CancellationToken.None);

        Assert.Equal("Ann reported a leaking sink; a plumber visit was booked for today.", (string?)analysis["summary"]);
        Assert.Equal("true", (string?)analysis["successEvaluation"]);
        Assert.False(analysis.ContainsKey("structuredData"));
        Assert.Equal(2, model.Requests.Count);

        var summary = model.RequestFor(SummaryMarker);
        Assert.Equal([ChatRole.System, ChatRole.User], summary.Messages.Select(m => m.Role));
        Assert.Contains(Transcript, summary.Messages[1].Content);
        Assert.Equal("gpt-4o-mini", summary.Model);
        Assert.Equal(0, summary.Temperature);
        Assert.Equal(CallAnalyzer.MinAnalysisMaxTokens, summary.MaxTokens);
        Assert.Empty(summary.Tools);

        // The evaluator sees the rubric and the system prompt taken from the call's messages.
        var evaluation = PromptRoutedModel.PromptOf(model.RequestFor(EvaluationMarker));
        Assert.Contains("PassFail: A simple 'true' if call passed, 'false' if not.", evaluation);
        Assert.Contains("You book plumbing visits.", evaluation);
        Assert.Contains(Transcript, evaluation);
        Assert.DoesNotContain("{{", evaluation);
    }

    [Fact]
    public async Task Structured_data_is_parsed_from_a_fenced_json_reply_and_the_prompt_carries_the_schema()
    {
        var model = new PromptRoutedModel()
            .Answers(DataMarker, "```json\n{\"name\": \"Ann\", \"age\": 31}\n```")
            .Answers(SummaryMarker, "Leaking sink.")
            .Answers(EvaluationMarker, "true");

        var result = await new CallAnalyzer().RunAsync(StructuredPlan(), new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);

        Assert.Empty(result.Problems);
        var data = Assert.IsType<JsonObject>(result.Analysis["structuredData"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Ann","age":31}"""), data));
        var prompt = PromptRoutedModel.PromptOf(model.RequestFor(DataMarker));
        Assert.Contains(Schema().ToJsonString(), prompt);
        Assert.Contains(Transcript, prompt);
        Assert.Equal(["summary", "structuredData", "successEvaluation"], result.Analysis.Select(p => p.Key));
    }

    [Theory]
    [InlineData("Sure! The caller was Ann.")]
    [InlineData("```json\n{\"name\": \"Ann\",\n```")]
    [InlineData("[{\"name\": \"Ann\"}]")]
    public async Task A_structured_data_reply_that_is_not_a_json_object_is_left_out_and_reported(string reply)
    {
        var model = new PromptRoutedModel()
            .Answers(DataMarker, reply)
            .Answers(SummaryMarker, "Leaking sink.")
            .Answers(EvaluationMarker, "true");

        var result = await new CallAnalyzer().RunAsync(StructuredPlan(), new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);

        Assert.False(result.Analysis.ContainsKey("structuredData"));
        Assert.Equal("Leaking sink.", (string?)result.Analysis["summary"]);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(AnalysisPart.StructuredData, problem.Part);
    }

    [Fact]
    public async Task Structured_data_wrapped_in_prose_is_still_found()
    {
        var model = new PromptRoutedModel().Answers(DataMarker, "Here is the data: {\"name\": \"Ann\"} Hope that helps.");
        var plan = StructuredPlan(new JsonObject
        {
            ["summaryPlan"] = new JsonObject { ["enabled"] = false },
            ["successEvaluationPlan"] = new JsonObject { ["enabled"] = false },
        });

        var analysis = await new CallAnalyzer().AnalyzeAsync(plan, Transcript, Messages(), model, Settings, CancellationToken.None);

        Assert.Equal("Ann", (string?)analysis["structuredData"]?["name"]);
    }

    [Fact]
    public async Task Disabled_plans_produce_no_fields_and_no_model_requests()
    {
        var model = new PromptRoutedModel().Answers("", "anything");
        var plan = new JsonObject
        {
            ["summaryPlan"] = new JsonObject { ["enabled"] = false },
            ["successEvaluationPlan"] = new JsonObject { ["enabled"] = false },
            // A schema alone does not turn structured data on: Vapi's structuredDataPlan.enabled defaults to false.
            ["structuredDataPlan"] = new JsonObject { ["schema"] = Schema() },
        };

        var result = await new CallAnalyzer().RunAsync(plan, new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);

        Assert.Empty(result.Analysis);
        Assert.Empty(model.Requests);
        Assert.Empty(result.Problems);
        Assert.False(result.Skipped);
    }

    [Fact]
    public async Task Structured_data_enabled_without_a_schema_is_reported_not_requested()
    {
        var model = new PromptRoutedModel().Answers(SummaryMarker, "s").Answers(EvaluationMarker, "false");
        var plan = new JsonObject { ["structuredDataPlan"] = new JsonObject { ["enabled"] = true } };

        var result = await new CallAnalyzer().RunAsync(plan, new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);

        Assert.False(result.Analysis.ContainsKey("structuredData"));
        Assert.Equal(AnalysisPart.StructuredData, Assert.Single(result.Problems).Part);
        Assert.Equal(2, model.Requests.Count);
    }

    public static TheoryData<bool> WithAndWithoutLiquid => new() { false, true };

    [Theory]
    [MemberData(nameof(WithAndWithoutLiquid))]
    public async Task Custom_messages_replace_the_default_prompt_with_placeholders_filled_in(bool liquid)
    {
        var model = new PromptRoutedModel()
            .Answers("CUSTOM-SUMMARY", "Custom summary.")
            .Answers("CUSTOM-EVAL", "7")
            .Answers("CUSTOM-DATA", "{\"name\":\"Ann\"}");
        var plan = new JsonObject
        {
            ["summaryPlan"] = new JsonObject
            {
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "system", ["content"] = "CUSTOM-SUMMARY: one line, please." },
                    new JsonObject { ["role"] = "user", ["content"] = "Call:\n{{transcript}}\nEnded: {{ endedReason }}" }),
            },
            ["successEvaluationPlan"] = new JsonObject
            {
                ["rubric"] = "NumericScale",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "CUSTOM-EVAL {{rubric}} for {{systemPrompt}}" }),
            },
            ["structuredDataPlan"] = new JsonObject
            {
                ["enabled"] = true,
                ["schema"] = Schema(),
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "CUSTOM-DATA {{schema}} from {{transcript}}" }),
            },
        };
        var analyzer = new CallAnalyzer(liquid ? new LiquidTemplateRenderer(new LiquidEngine()) : null);
        var input = new CallAnalysisInput(Transcript, Messages()) { EndedReason = "customer-ended-call" };

        var result = await analyzer.RunAsync(plan, input, model, Settings, CancellationToken.None);

        Assert.Empty(result.Problems);
        Assert.Equal("Custom summary.", (string?)result.Analysis["summary"]);
        Assert.Equal("7", (string?)result.Analysis["successEvaluation"]);
        Assert.Equal("Ann", (string?)result.Analysis["structuredData"]?["name"]);

        var summary = model.RequestFor("CUSTOM-SUMMARY");
        Assert.Equal(2, summary.Messages.Count);
        Assert.Equal("CUSTOM-SUMMARY: one line, please.", summary.Messages[0].Content);
        Assert.Equal("Call:\n" + Transcript + "\nEnded: customer-ended-call", summary.Messages[1].Content);
        Assert.Equal("CUSTOM-EVAL NumericScale: A scale of 1 to 10. for You book plumbing visits.",
            Assert.Single(model.RequestFor("CUSTOM-EVAL").Messages).Content);
        Assert.Equal("CUSTOM-DATA " + Schema().ToJsonString() + " from " + Transcript,
            Assert.Single(model.RequestFor("CUSTOM-DATA").Messages).Content);
        Assert.DoesNotContain(model.Requests, r => PromptRoutedModel.PromptOf(r).Contains(SummaryMarker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Legacy_flat_summary_prompt_replaces_the_default_system_message()
    {
        var model = new PromptRoutedModel().Answers("Rate the customer's engagement", "8/10").Answers(EvaluationMarker, "true");
        var plan = new JsonObject { ["summaryPrompt"] = "Rate the customer's engagement level on a scale of 1-10." };

        var analysis = await new CallAnalyzer().AnalyzeAsync(plan, Transcript, Messages(), model, Settings, CancellationToken.None);

        Assert.Equal("8/10", (string?)analysis["summary"]);
        var request = model.RequestFor("Rate the customer's engagement");
        Assert.Contains(Transcript, request.Messages[1].Content);
    }

    [Fact]
    public async Task A_failing_or_throwing_model_leaves_only_that_part_out()
    {
        var model = new PromptRoutedModel()
            .Fails(SummaryMarker, "upstream 503")
            .Throws(DataMarker, "socket closed")
            .Answers(EvaluationMarker, "false");

        var result = await new CallAnalyzer().RunAsync(StructuredPlan(), new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);

        Assert.Equal(["successEvaluation"], result.Analysis.Select(p => p.Key));
        Assert.Equal("false", (string?)result.Analysis["successEvaluation"]);
        Assert.Contains(result.Problems, p => p.Part == AnalysisPart.Summary && p.Message.Contains("upstream 503"));
        Assert.Contains(result.Problems, p => p.Part == AnalysisPart.StructuredData && p.Message.Contains("socket closed"));
        // Only the part whose request completed reports the tokens it used.
        Assert.Equal(new ChatUsage(20, 10), Assert.Single(result.Usage, u => u.Key == AnalysisPart.SuccessEvaluation).Value);
        Assert.Single(result.Usage);
    }

    [Fact]
    public async Task A_part_slower_than_its_timeout_is_left_out_while_a_faster_one_is_kept()
    {
        var clock = new ManualTimeProvider();
        var model = new PromptRoutedModel(clock)
            .Answers(SummaryMarker, "Too late.", delay: TimeSpan.FromSeconds(10))
            .Answers(EvaluationMarker, "true", delay: TimeSpan.FromSeconds(2));
        var plan = new JsonObject
        {
            ["summaryPlan"] = new JsonObject { ["timeoutSeconds"] = 3 },
            ["successEvaluationPlan"] = new JsonObject { ["timeoutSeconds"] = 3 },
        };

        var running = new CallAnalyzer(time: clock).RunAsync(plan, new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);
        // Two timeout timers and two model delays must be armed before virtual time moves.
        await WaitUntil(() => clock.PendingTimers == 4);
        clock.Advance(TimeSpan.FromSeconds(3));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["successEvaluation"], result.Analysis.Select(p => p.Key));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(AnalysisPart.Summary, problem.Part);
        Assert.Contains("3 s", problem.Message);
    }

    [Fact]
    public async Task Timeout_defaults_to_five_seconds()
    {
        var clock = new ManualTimeProvider();
        var model = new PromptRoutedModel(clock).Answers(SummaryMarker, "Slow.", delay: TimeSpan.FromSeconds(6));
        var plan = new JsonObject { ["successEvaluationPlan"] = new JsonObject { ["enabled"] = false } };

        var running = new CallAnalyzer(time: clock).RunAsync(plan, new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);
        await WaitUntil(() => clock.PendingTimers == 2);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6)], clock.PendingDueTimes);
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(result.Analysis);
        Assert.Equal(AnalysisPart.Summary, Assert.Single(result.Problems).Part);
    }

    [Fact]
    public async Task Calls_under_the_message_threshold_or_with_an_empty_transcript_are_not_analysed()
    {
        var model = new PromptRoutedModel().Answers("", "anything");
        var analyzer = new CallAnalyzer();
        // Only the first message was spoken: system entries do not count, so 1 < default 2.
        var firstMessageOnly = new JsonArray(
            new JsonObject { ["role"] = "system", ["message"] = "You book plumbing visits." },
            new JsonObject { ["role"] = "bot", ["message"] = "Hello, Acme Plumbing." });

        var shortCall = await analyzer.RunAsync(null, new CallAnalysisInput("AI: Hello, Acme Plumbing.\n", firstMessageOnly), model, Settings, CancellationToken.None);
        var empty = await analyzer.RunAsync(new JsonObject { ["minMessagesThreshold"] = 0 }, new CallAnalysisInput("  ", []), model, Settings, CancellationToken.None);
        var raised = await analyzer.RunAsync(new JsonObject { ["minMessagesThreshold"] = 4 }, new CallAnalysisInput(Transcript, Messages()), model, Settings, CancellationToken.None);
        // Without a message list the transcript's lines are counted: 3 lines meet a threshold of 3.
        var byLines = await analyzer.RunAsync(new JsonObject { ["minMessagesThreshold"] = 3, ["successEvaluationPlan"] = new JsonObject { ["enabled"] = false } },
            new CallAnalysisInput(Transcript, null), model, Settings, CancellationToken.None);

        Assert.All([shortCall, empty, raised], r => { Assert.True(r.Skipped); Assert.Empty(r.Analysis); });
        Assert.False(byLines.Skipped);
        Assert.Equal("anything", (string?)byLines.Analysis["summary"]);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task Messages_in_openai_format_count_assistant_turns_as_spoken()
    {
        var model = new PromptRoutedModel().Answers("", "anything");
        var openAi = new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = "Can you come Tuesday?" },
            new JsonObject { ["role"] = "assistant", ["content"] = "Tuesday at nine works." });

        var result = await new CallAnalyzer().RunAsync(new JsonObject { ["minMessagesThreshold"] = 2, ["successEvaluationPlan"] = new JsonObject { ["enabled"] = false } },
            new CallAnalysisInput("User: Can you come Tuesday?\nAI: Tuesday at nine works.", openAi), model, Settings, CancellationToken.None);

        Assert.False(result.Skipped);
    }

    [Fact]
    public async Task A_background_message_does_not_count_as_spoken()
    {
        var model = new PromptRoutedModel().Answers("", "anything");
        // The first message was spoken; the second was added by add-message (a time, no end time).
        var firstAndBackground = new JsonArray(
            new JsonObject { ["role"] = "bot", ["message"] = "Hello, Acme Plumbing.", ["time"] = 2, ["endTime"] = 3 },
            new JsonObject { ["role"] = "user", ["message"] = "Order 42 shipped.", ["time"] = 4 });

        var result = await new CallAnalyzer().RunAsync(null, new CallAnalysisInput("AI: Hello, Acme Plumbing.", firstAndBackground), model, Settings, CancellationToken.None);

        Assert.True(result.Skipped);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed()
    {
        var model = new PromptRoutedModel().Answers(SummaryMarker, "s").Answers(EvaluationMarker, "true");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CallAnalyzer().AnalyzeAsync(null, Transcript, Messages(), model, Settings, cancelled.Token));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached");
            await Task.Delay(1);
        }
    }
}
