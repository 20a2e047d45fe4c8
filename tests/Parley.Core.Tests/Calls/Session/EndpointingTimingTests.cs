using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Turns;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: with the assistant's startSpeakingPlan in force, as on the server (SimulatedCall.WithAssistantEndpointing),
// the model is asked exactly at caller stop + endpointing timeout + waitSeconds, and the reply's first frame goes out
// LLM ttft + TTS ttfb later. The timeout comes from the first rule that answers: customEndpointingRules in their listed
// order, then smartEndpointingPlan (waitFunction(x) milliseconds, x = the transcript estimator's P(still speaking);
// the engine passes no pause, so x is the text score), then transcriptionEndpointingPlan.
// Unless a test says otherwise the caller stops at 2.5 with the final transcript at that instant, ttft is 0.1, ttfb 0.2.
public class EndpointingTimingTests
{
    private const double Stop = 2.5;
    private const double TtftPlusTtfb = 0.1 + 0.2;

    // Distinct from Vapi's defaults (0.1 / 1.5 / 0.5), so each ending shows which setting applied.
    private const string Transcription = """{ "onPunctuationSeconds": 0.3, "onNoPunctuationSeconds": 2.0, "onNumberSeconds": 0.7 }""";

    [Theory]
    [InlineData("I want to transfer $500.", 0.3)] // ends with punctuation: onPunctuationSeconds
    [InlineData("My account number is 123456789", 0.7)] // ends with a digit: onNumberSeconds
    [InlineData("I want to transfer", 2.0)] // neither: onNoPunctuationSeconds
    public void Transcription_endpointing_waits_by_how_the_final_transcript_ends(string said, double timeout)
    {
        var call = Run(said, $$"""{ "waitSeconds": 0.4, "transcriptionEndpointingPlan": {{Transcription}} }""");

        Assert.Equal(S(Stop + timeout + 0.4), Assert.Single(call.Model.RequestTimes));
        Assert.Equal(S(Stop + timeout + 0.4 + TtftPlusTtfb), call.Audio.FirstFrameAt);
    }

    [Theory]
    [InlineData("Tell me a story.", 0.1)]
    [InlineData("Room 42", 0.5)]
    [InlineData("Tell me a story", 1.5)]
    public void Without_any_endpointing_plan_vapis_transcription_defaults_apply(string said, double timeout)
    {
        // The plain SimulatedCall (FixedTurnEndPolicy) would answer every one of these at 2.5 + 0.4 + 0.3 = 3.2.
        var call = Run(said, startSpeakingPlan: null);

        Assert.Equal(S(Stop + timeout + 0.4 + TtftPlusTtfb), call.Audio.FirstFrameAt);
    }

    [Theory]
    [InlineData("Can I get a refund?", TranscriptEndOfTurnEstimator.Question, 600)] // 200 + 8000 × 0.05
    [InlineData("I'd like a refund.", TranscriptEndOfTurnEstimator.Statement, 1000)] // 200 + 8000 × 0.1
    [InlineData("I want to transfer", TranscriptEndOfTurnEstimator.Unpunctuated, 3400)] // 200 + 8000 × 0.4
    [InlineData("My number is 42", TranscriptEndOfTurnEstimator.Number, 5800)] // 200 + 8000 × 0.7
    [InlineData("I was going to say that and", TranscriptEndOfTurnEstimator.Continuation, 7400)] // 200 + 8000 × 0.9
    public void Smart_endpointing_waits_the_wait_function_of_the_estimate_and_overrides_transcription(string said, double x, double milliseconds)
    {
        // The transcription plan is there too, and none of its 0.3 / 2.0 / 0.7 shows up: smart endpointing answers first.
        var call = Run(said, $$"""
            { "waitSeconds": 0.4, "transcriptionEndpointingPlan": {{Transcription}},
              "smartEndpointingPlan": { "provider": "livekit", "waitFunction": "200 + 8000 * x" } }
            """);

        Assert.Equal(x, new TranscriptEndOfTurnEstimator().ProbabilityStillSpeaking(said, TimeSpan.Zero));
        Assert.Equal(S(Stop) + TimeSpan.FromMilliseconds(milliseconds) + S(0.4), Assert.Single(call.Model.RequestTimes));
        Assert.Equal(S(Stop) + TimeSpan.FromMilliseconds(milliseconds) + S(0.4 + TtftPlusTtfb), call.Audio.FirstFrameAt);
    }

    [Theory]
    [InlineData("I was going to say that and", TranscriptEndOfTurnEstimator.Continuation)] // 2000 / (1 + e^-4) ≈ 1964.03 ms
    [InlineData("I'd like a refund.", TranscriptEndOfTurnEstimator.Statement)] // 2000 / (1 + e^4) ≈ 35.97 ms
    public void The_docs_aggressive_wait_function_is_evaluated_exactly(string said, double x)
    {
        var call = Run(said, """
            { "waitSeconds": 0.4, "smartEndpointingPlan": { "provider": "vapi", "waitFunction": "2000 / (1 + exp(-10 * (x - 0.5)))" } }
            """);

        var timeout = TimeSpan.FromMilliseconds(2000 / (1 + Math.Exp(-10 * (x - 0.5))));
        Assert.Equal(S(Stop) + timeout + S(0.4 + TtftPlusTtfb), call.Audio.FirstFrameAt);
    }

    [Fact]
    public void Smart_endpointing_without_a_wait_function_uses_the_api_default()
    {
        // WaitFunction.DefaultExpression, 20 + 500·sqrt(x) + 2500·x³, at x = 0.4: 20 + 316.23 + 160 ≈ 496.23 ms.
        var call = Run("I want to transfer", """{ "waitSeconds": 0.4, "smartEndpointingPlan": { "provider": "livekit" } }""");

        const double x = TranscriptEndOfTurnEstimator.Unpunctuated;
        var timeout = TimeSpan.FromMilliseconds(20 + 500 * Math.Sqrt(x) + 2500 * Math.Pow(x, 3));
        Assert.Equal(S(Stop) + timeout + S(0.4 + TtftPlusTtfb), call.Audio.FirstFrameAt);
    }

    // Every rule kind at once; the comment on each case gives what the later rules would have said.
    private const string AllRules = $$"""
        { "waitSeconds": 0.4, "transcriptionEndpointingPlan": {{Transcription}},
          "smartEndpointingPlan": { "provider": "livekit", "waitFunction": "200 + 8000 * x" },
          "customEndpointingRules": [
            { "type": "assistant", "regex": "(phone|email|address)", "timeoutSeconds": 3.0 },
            { "type": "user", "regex": "\\d{3}-\\d{3}-\\d{4}", "timeoutSeconds": 2.0 } ] }
        """;

    [Theory]
    [InlineData("What's your phone number?", "Sure, it's five five five.", 3.0)] // assistant rule; smart: 1.0 (statement)
    [InlineData("How can I help?", "Call me at 555-123-4567", 2.0)] // user rule; smart: 5.8 (number)
    [InlineData("What's your phone number?", "It's 555-123-4567", 3.0)] // both rules match: the first listed wins
    [InlineData("How can I help?", "I'd like a refund.", 1.0)] // no rule matches: smart, 200 + 8000 × 0.1 ms
    public void Custom_rules_win_in_their_listed_order_over_smart_and_transcription(string greeting, string said, double timeout)
    {
        // The greeting plays from 0.2 and is over by 1.7; the caller then speaks from 2.0 to 4.0.
        var call = Run(said, AllRules, greeting, from: 2.0, to: 4.0);

        Assert.Equal(S(4.0 + timeout + 0.4), Assert.Single(call.Model.RequestTimes));
        Assert.Equal(S(4.0 + timeout + 0.4 + TtftPlusTtfb), call.Audio.Frames.First(f => f.At > S(4.0)).At);
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("user")] // the docs' spelling; the API's is customer
    public void A_caller_rule_overrides_transcription_endpointing(string type)
    {
        // Without the rule, "…4567" ends in a digit: onNumberSeconds, 0.7.
        var call = Run("It's 555-123-4567", $$"""
            { "waitSeconds": 0.4, "transcriptionEndpointingPlan": {{Transcription}},
              "customEndpointingRules": [ { "type": "{{type}}", "regex": "\\d{3}-\\d{3}-\\d{4}", "timeoutSeconds": 2.0 } ] }
            """);

        Assert.Equal(S(Stop + 2.0 + 0.4 + TtftPlusTtfb), call.Audio.FirstFrameAt);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(1.2)]
    public void WaitSeconds_is_added_after_the_endpointing_timeout_before_the_model_is_asked(double waitSeconds)
    {
        // Default onPunctuationSeconds 0.1, then waitSeconds: the request and the first frame move by waitSeconds exactly.
        var call = Run("Tell me a story.", Wait(waitSeconds));

        Assert.Equal(S(Stop + 0.1 + waitSeconds), Assert.Single(call.Model.RequestTimes));
        Assert.Equal(S(Stop + 0.1 + waitSeconds + TtftPlusTtfb), call.Audio.FirstFrameAt);
    }

    [Theory]
    [InlineData(0.0, 2.8)] // 2.5 + 0.1 = 2.6 has passed when the final lands at 2.8: the turn ends then
    [InlineData(0.4, 3.0)] // 2.5 + 0.1 + 0.4 = 3.0 is still ahead at 2.8
    public void The_timeout_runs_from_the_callers_stop_not_from_a_late_final(double waitSeconds, double turnEnd)
    {
        var script = Script("Tell me a story.", Stop - 2.0, Stop, finalDelay: 0.3);
        var call = SimulatedCall.WithAssistantEndpointing(script, Assistant(Wait(waitSeconds), null)).RunUntil(20);

        Assert.Equal(S(turnEnd), Assert.Single(call.Model.RequestTimes));
    }

    private static SimulatedCall Run(string said, string? startSpeakingPlan, string? greeting = null, double from = 0.5, double to = Stop) =>
        SimulatedCall.WithAssistantEndpointing(Script(said, from, to), Assistant(startSpeakingPlan, greeting)).RunUntil(20);

    private static CallScript Script(string said, double from, double to, double finalDelay = 0)
    {
        var script = new CallScript();
        script.Caller.Says(said, from, to, finalDelay);
        script.Llm.Reply("Sure.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        return script;
    }

    private static string Wait(double seconds) => new JsonObject { ["waitSeconds"] = seconds }.ToJsonString();

    private static JsonObject Assistant(string? startSpeakingPlan, string? greeting) =>
        Basic(greeting, a => { if (startSpeakingPlan is not null) a["startSpeakingPlan"] = JsonNode.Parse(startSpeakingPlan); });
}
