using System.Text.Json.Nodes;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Turns;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: with a custom endpointing model, the caller's turn ends when the server's timeoutSeconds says (plus
// waitSeconds), counted from when the caller stopped; a server that answers nothing usable, or not within 1.5 s, leaves
// the plan's other rules to decide, and the turn never waits longer than that limit for it.
public class CustomEndpointingModelTests
{
    /// <summary>A server that answers after <paramref name="delay"/> seconds on the call's clock (never, when null).</summary>
    private sealed class ScriptedServer(double? delay, double? timeoutSeconds) : ICustomEndpointingModel
    {
        public List<JsonArray> Asked { get; } = [];

        /// <summary>The call's clock, set once the call exists.</summary>
        public TimeProvider Clock { get; set; } = TimeProvider.System;

        public async Task<TimeSpan?> TimeoutAsync(JsonArray messages, CancellationToken cancellationToken)
        {
            Asked.Add(messages);
            await Task.Delay(delay is { } d ? TimeSpan.FromSeconds(d) : Timeout.InfiniteTimeSpan, Clock, cancellationToken);
            return timeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : null;
        }
    }

    // The caller stops at 2.5 with the final transcript; the model answers 0.1 s after it is asked.
    private static (SimulatedCall Call, ScriptedServer Server) Call(double? delay, double? timeoutSeconds, Action<JsonObject>? configure = null)
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        script.Llm.Reply("Once upon a time.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var server = new ScriptedServer(delay, timeoutSeconds);
        // The plan's other rules as the server runs them: for "Tell me a story" (no punctuation), 1.5 s + waitSeconds.
        var assistant = Basic(configure: configure);
        var call = new SimulatedCall(script, assistant, turnEndPolicy: new EndpointingTurnEndPolicy(Parley.Core.Calls.Plans.SpeechPlanReader.Endpointing(assistant)),
            customEndpointing: server);
        server.Clock = call.Clock;
        return (call, server);
    }

    private static TimeSpan ModelAskedAt(SimulatedCall call) => call.Model.RequestTimes.Single();

    [Fact]
    public void The_turn_ends_when_the_servers_timeout_says()
    {
        var (call, server) = Call(delay: 0.3, timeoutSeconds: 2.0);

        call.RunUntil(10);

        // 2.5 + 2.0 + waitSeconds 0.4, though the answer came at 2.8.
        Assert.Equal(S(4.9), ModelAskedAt(call));
        var asked = Assert.Single(server.Asked);
        Assert.Equal("Tell me a story", asked[^1]!["message"]!.GetValue<string>());
        Assert.Equal("user", asked[^1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void A_short_timeout_answers_as_soon_as_it_is_known()
    {
        var (call, _) = Call(delay: 0.2, timeoutSeconds: 0.0);

        call.RunUntil(10);

        // Due at 2.9 (2.5 + 0 + 0.4), where the plan alone would wait until 4.4.
        Assert.Equal(S(2.9), ModelAskedAt(call));
    }

    [Fact]
    public void A_server_with_no_usable_answer_leaves_the_plan_to_decide()
    {
        var (call, _) = Call(delay: 0.1, timeoutSeconds: null);

        call.RunUntil(10);

        // The plan's wait: 2.5 + 1.5 + 0.4.
        Assert.Equal(S(4.4), ModelAskedAt(call));
    }

    [Fact]
    public void A_server_that_never_answers_holds_the_turn_for_the_limit_at_most()
    {
        var (call, _) = Call(delay: null, timeoutSeconds: 2.0);

        call.RunUntil(10);

        // Given up at 4.0 (2.5 + 1.5); then the plan's wait decides: 4.4.
        Assert.Equal(S(4.4), ModelAskedAt(call));
    }

    [Fact]
    public void A_matching_custom_endpointing_rule_comes_before_the_servers_answer()
    {
        var (call, _) = Call(delay: 0.3, timeoutSeconds: 2.0, a => a["startSpeakingPlan"] = JsonNode.Parse("""
            {"customEndpointingRules":[{"type":"customer","regex":"story","timeoutSeconds":0.2}]}
            """));

        call.RunUntil(10);

        // The rule's 0.2 s (+ waitSeconds 0.4) after 2.5, not the server's 2 s.
        Assert.Equal(S(3.1), ModelAskedAt(call));
    }
}
