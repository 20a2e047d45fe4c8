using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: a hook's actions run exactly when its event happens, and call.ending hooks run only for the
// endedReasons their filters name.
public class HookTests
{
    private static SimulatedCall Call(JsonArray hooks, Action<JsonObject>? configure = null)
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5).Says("Wait stop", from: 5.0, to: 6.0);
        script.Llm.Reply("Once upon a time there was a little fox who lived in a quiet wood.", ttft: 0.1).Reply("Okay.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        return new SimulatedCall(script, Basic(configure: a =>
        {
            a["hooks"] = hooks;
            configure?.Invoke(a);
        }));
    }

    [Fact]
    public void Assistant_speech_interrupted_hook_says_its_message_when_the_interruption_is_confirmed()
    {
        var call = Call(new JsonArray(new JsonObject
        {
            ["on"] = "assistant.speech.interrupted",
            ["do"] = new JsonArray(new JsonObject { ["type"] = "say", ["exact"] = "Sorry, go ahead." }),
        }));

        call.RunUntil(20);

        Assert.Equal(["Once upon a time there was a little fox who lived in a quiet wood.", "Sorry, go ahead.", "Okay."], call.Tts.Chunks);
        // Confirmed at 5.5 by the first word ("wait", one of Vapi's interruption phrases); ready one ttfb later, and
        // heard when backoffSeconds (1 s) stop blocking the assistant's audio. The rest of "Wait stop" does not cut it off.
        Assert.Equal(S(6.5), call.Audio.Frames.First(f => f.At > S(5.3)).At);
    }

    [Fact]
    public void Call_ending_hook_runs_its_tool_only_for_a_matching_endedReason()
    {
        JsonArray Hooks() => new(new JsonObject
        {
            ["on"] = "call.ending",
            ["filters"] = new JsonArray(new JsonObject { ["type"] = "oneOf", ["key"] = "call.endedReason", ["oneOf"] = new JsonArray("exceeded-max-duration") }),
            ["do"] = new JsonArray(new JsonObject { ["type"] = "tool", ["tool"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "log_timeout" } } }),
        });
        var matching = Call(Hooks(), a => a["maxDurationSeconds"] = 4);
        var other = Call(Hooks(), a => a["silenceTimeoutSeconds"] = 1);

        matching.RunUntil(20);
        other.RunUntil(20);

        Assert.Equal(S(4), Assert.Single(matching.Actions.ToolRuns).At);
        Assert.Equal("silence-timed-out", other.EndedReason);
        Assert.Empty(other.Actions.ToolRuns);
    }

    [Fact]
    public void A_transfer_action_goes_through_the_transfer_interface()
    {
        var call = Call(new JsonArray(new JsonObject
        {
            ["on"] = "assistant.speech.interrupted",
            ["do"] = new JsonArray(new JsonObject { ["type"] = "transfer", ["destination"] = new JsonObject { ["type"] = "number", ["number"] = "+15550100" } }),
        }));

        call.RunUntil(20);

        var transfer = Assert.Single(call.Actions.Transfers);
        Assert.Equal(S(5.5), transfer.At);
        Assert.Equal("+15550100", transfer.Destination["number"]!.GetValue<string>());
    }

    [Fact]
    public void Customer_speech_interrupted_hook_runs_when_the_assistant_starts_over_the_caller()
    {
        var script = new CallScript();
        script.Caller.Says("I was saying something long", from: 0.1, to: 3.0);
        script.Tts.Speaks(ttfb: 0.2);
        var call = new SimulatedCall(script, Basic(firstMessage: "Hello.", configure: a => a["hooks"] = new JsonArray(new JsonObject
        {
            ["on"] = "customer.speech.interrupted",
            ["do"] = new JsonArray(new JsonObject { ["type"] = "tool", ["tool"] = new JsonObject { ["type"] = "function" } }),
        })));

        call.RunUntil(5);

        Assert.Equal(S(0.2), Assert.Single(call.Actions.ToolRuns).At);
    }
}
