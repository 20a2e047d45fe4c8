using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: a call that cannot go on ends at once with the endedReason Vapi gives that cause, and call.ending hooks see it.
public class CallEndingTests
{
    private static JsonObject PipelineErrorHook() => new()
    {
        ["on"] = "call.ending",
        ["filters"] = new JsonArray(new JsonObject { ["type"] = "oneOf", ["key"] = "call.endedReason", ["oneOf"] = new JsonArray("pipeline-error") }),
        ["do"] = new JsonArray(new JsonObject { ["type"] = "tool", ["tool"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "alert" } } }),
    };

    [Fact]
    public void A_failed_model_ends_the_call_as_a_pipeline_error_of_its_provider_when_the_failure_comes()
    {
        var script = new CallScript();
        script.Caller.Says("Hello", from: 0.5, to: 1.5);
        // No reply scripted: the model's answer to the caller's turn (over at 1.9) fails.
        var call = new SimulatedCall(script, Basic(configure: a => a["hooks"] = new JsonArray(PipelineErrorHook())));

        call.RunUntil(30);

        Assert.Equal("pipeline-error-openai-llm-failed", call.EndedReason);
        var ended = call.Messages.OfType("status-update").Last();
        Assert.Equal(S(1.9), ended.At);
        Assert.Equal("pipeline-error-openai-llm-failed", ended.Message["endedReason"]!.GetValue<string>());
        // The docs' catch-all filter "pipeline-error" matches it.
        Assert.Equal(S(1.9), Assert.Single(call.Actions.ToolRuns).At);
    }

    [Fact]
    public void The_pipeline_error_filter_does_not_match_other_reasons()
    {
        var call = new SimulatedCall(new CallScript(), Basic(configure: a =>
        {
            a["hooks"] = new JsonArray(PipelineErrorHook());
            a["silenceTimeoutSeconds"] = 10;
        }));

        call.RunUntil(30);

        Assert.Equal("silence-timed-out", call.EndedReason);
        Assert.Empty(call.Actions.ToolRuns);
    }

    [Fact]
    public async Task A_server_stopping_ends_its_calls_as_worker_shutdown()
    {
        var call = new SimulatedCall(new CallScript(), Basic());
        using var stopping = new CancellationTokenSource();
        Task<string>? run = null;

        call.Loop.Run(() => run = call.Session.RunAsync(stopping.Token), S(1));
        call.Loop.Run(stopping.Cancel, S(2));

        Assert.True(run!.IsCompleted);
        Assert.Equal("worker-shutdown", await run);
        Assert.Equal(S(1), call.Messages.OfType("status-update").Last().At);
    }
}
