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

    private static JsonObject PipelineErrorFarewell() => JsonNode.Parse("""
        {
          "on": "call.ending",
          "filters": [{ "type": "oneOf", "key": "call.endedReason", "oneOf": ["pipeline-error"] }],
          "do": [
            { "type": "say", "exact": "Sorry about that." },
            { "type": "function", "function": { "name": "log_error" }, "async": true, "server": { "url": "https://example.com/api" } },
            { "type": "transfer", "destination": { "type": "number", "number": "+1234567890" } }
          ]
        }
        """)!.AsObject();

    [Fact]
    public void A_call_ending_say_is_said_before_the_call_ends_and_its_function_and_transfer_run_as_the_docs_write_them()
    {
        var script = new CallScript();
        script.Caller.Says("Hello", from: 0.5, to: 1.5);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        // No reply scripted: the model fails at 1.9, when the caller's turn ends.
        var call = new SimulatedCall(script, Basic(configure: a => a["hooks"] = new JsonArray(PipelineErrorFarewell())));

        call.RunUntil(30);

        Assert.Equal(["Sorry about that."], call.Tts.Chunks);
        Assert.Equal("pipeline-error-openai-llm-failed", call.EndedReason);
        // Heard from 2.1 (one ttfb after the failure); 17 characters × 60 ms later the call ends.
        Assert.Equal(S(2.1), call.Audio.FirstFrameAt);
        Assert.Equal(S(3.12), call.Messages.OfType("status-update").Last().At);
        var (at, tool) = Assert.Single(call.Actions.ToolRuns);
        Assert.Equal(S(1.9), at);
        Assert.Equal("log_error", tool["function"]!["name"]!.GetValue<string>());
        Assert.Equal("https://example.com/api", tool["server"]!["url"]!.GetValue<string>());
        Assert.True(tool["async"]!.GetValue<bool>());
        Assert.Equal("+1234567890", Assert.Single(call.Actions.Transfers).Destination["number"]!.GetValue<string>());
    }

    [Fact]
    public void A_call_ending_say_cuts_the_reply_that_was_playing_and_is_not_interruptible()
    {
        var call = Call(new JsonArray(new JsonObject
        {
            ["on"] = "call.ending",
            ["do"] = new JsonArray(new JsonObject { ["type"] = "say", ["exact"] = "Our time is up." }),
        }), a => a["maxDurationSeconds"] = 4);

        call.RunUntil(30);

        Assert.Equal("exceeded-max-duration", call.EndedReason);
        Assert.Equal("Our time is up.", call.Tts.Chunks[^1]);
        // The story playing at 4.0 stops after the frame due then; the farewell is heard from 4.2 whatever the caller
        // says (5.0 to 6.0), for 15 characters × 60 ms, and nothing answers the caller.
        Assert.Equal(S(4.02), LastFrameEndBefore(call, 4.1));
        Assert.Equal(S(4.2), call.Audio.Frames.First(f => f.At >= S(4.02)).At);
        Assert.Equal(S(5.1), call.Messages.OfType("status-update").Last().At);
        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Single(call.ModelRequests);
        // What the caller heard of the story stays: frames 3.20 … 4.00 (41 of 198), 13 of its 66 characters.
        Assert.Contains("assistant: Once upon a", call.HistoryLines());
        var assistantSpeech = call.Messages.OfType("speech-update").Where(m => m.Message["role"]!.GetValue<string>() == "assistant")
            .Select(m => $"{m.At.TotalSeconds:0.00} {m.Message["status"]}").ToList();
        Assert.Equal(["3.20 started", "4.00 stopped", "4.20 started", "5.10 stopped"], assistantSpeech);
    }

    [Fact]
    public void A_call_ending_message_add_asks_for_no_reply_and_the_say_still_ends_the_call()
    {
        var call = Call(new JsonArray(new JsonObject
        {
            ["on"] = "call.ending",
            ["do"] = new JsonArray(
                new JsonObject { ["type"] = "say", ["exact"] = "Our time is up." },
                new JsonObject { ["type"] = "message.add", ["message"] = new JsonObject { ["role"] = "system", ["content"] = "The call timed out." } }),
        }), a => a["maxDurationSeconds"] = 4);

        call.RunUntil(60);

        Assert.Equal(S(5.1), call.Messages.OfType("status-update").Last().At);
        Assert.Equal("Our time is up.", call.Tts.Chunks[^1]);
        Assert.Single(call.ModelRequests);
        Assert.Contains("system: The call timed out.", call.HistoryLines());
    }

    [Fact]
    public void Backoff_holds_a_hooks_say_that_is_ready_while_the_interrupted_reply_still_has_a_frame_out()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5).Says("stop", from: 5.0, to: 5.3);
        script.Llm.Reply("Once upon a time there was a little fox who lived in a quiet wood.", ttft: 0.1).Reply("Alright.", ttft: 0.1);
        // A voice with no latency: the say's audio is queued the moment the interruption is decided.
        script.Tts.Speaks(ttfb: 0, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(configure: a =>
        {
            a["stopSpeakingPlan"] = new JsonObject { ["numWords"] = 3 };
            a["hooks"] = new JsonArray(new JsonObject
            {
                ["on"] = "assistant.speech.interrupted",
                ["do"] = new JsonArray(new JsonObject { ["type"] = "say", ["exact"] = "Sorry." }),
            });
        }));

        call.RunUntil(20);

        // "stop" interrupts at 5.3 (an interruption phrase) as a frame is out; the say waits out backoffSeconds (1 s).
        Assert.Equal(S(5.3), Assert.Single(call.Messages.OfType("user-interrupted")).At);
        Assert.Equal(S(6.3), call.Audio.Frames.First(f => f.At > S(5.3)).At);
        // The caller's "stop" ended its turn at 5.7 and its answer was ready then; it follows the say, not before it.
        Assert.Equal(["Sorry.", "Alright."], call.Tts.Chunks.Skip(1));
    }

    [Fact]
    public void A_call_ending_say_is_not_said_to_a_caller_who_hung_up()
    {
        var call = Call(new JsonArray(new JsonObject
        {
            ["on"] = "call.ending",
            ["do"] = new JsonArray(new JsonObject { ["type"] = "say", ["exact"] = "Goodbye." }),
        }));

        call.RunUntil(4).Send(new JsonObject { ["type"] = "end-call" }).RunUntil(10);

        Assert.Equal("customer-ended-call", call.EndedReason);
        Assert.DoesNotContain("Goodbye.", call.Tts.Chunks);
        Assert.Equal(S(4), call.Messages.OfType("status-update").Last().At);
    }

    [Fact]
    public void Exact_variants_are_said_in_turn_and_a_prompt_has_the_model_word_the_say()
    {
        var variants = Call(new JsonArray(new JsonObject
        {
            ["on"] = "assistant.speech.interrupted",
            ["do"] = new JsonArray(new JsonObject { ["type"] = "say", ["exact"] = new JsonArray("Sorry about that.", "Go ahead.") }),
        }));
        var prompted = Call(new JsonArray(new JsonObject
        {
            ["on"] = "assistant.speech.interrupted",
            ["do"] = new JsonArray(new JsonObject { ["type"] = "say", ["prompt"] = "Apologize for talking over the caller." }),
        }));

        variants.RunUntil(20);
        prompted.RunUntil(20);

        Assert.Equal("Sorry about that.", variants.Tts.Chunks[1]);
        // The model's second reply ("Okay.") is what the prompt asked for; the prompt does not join the history.
        var asked = prompted.ModelRequests[1].Messages[^1];
        Assert.Equal(Llm.ChatRole.System, asked.Role);
        Assert.Equal("Apologize for talking over the caller.", asked.Content);
        Assert.Equal("Okay.", prompted.Tts.Chunks[1]);
        Assert.DoesNotContain(prompted.HistoryLines(), l => l.Contains("Apologize"));
    }

    [Fact]
    public void A_message_add_action_adds_a_background_message()
    {
        var call = Call(new JsonArray(new JsonObject
        {
            ["on"] = "assistant.speech.interrupted",
            ["do"] = new JsonArray(new JsonObject
            {
                ["type"] = "message.add",
                ["message"] = new JsonObject { ["role"] = "system", ["content"] = "The caller interrupted once." },
                ["triggerResponseEnabled"] = false,
            }),
        }));

        call.RunUntil(20);

        Assert.Contains("system: The caller interrupted once.", call.HistoryLines());
        Assert.Equal("The caller interrupted once.", call.ModelRequests[1].Messages.Single(m => m.Content == "The caller interrupted once.").Content);
    }

    private static SimulatedCall QuietCaller(JsonObject hook, Action<CallScript>? caller = null)
    {
        var script = new CallScript();
        caller?.Invoke(script);
        script.Llm.Reply("Sure.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        return new SimulatedCall(script, Basic(firstMessage: "Hi.", configure: a => a["hooks"] = new JsonArray(hook)));
    }

    private static JsonObject SpeechTimeout(string on = "customer.speech.timeout", JsonObject? options = null) => new()
    {
        ["on"] = on,
        ["options"] = options ?? new JsonObject { ["timeoutSeconds"] = 5 },
        ["do"] = new JsonArray(new JsonObject { ["type"] = "say", ["exact"] = "Are you there?" }),
    };

    [Fact]
    public void Customer_speech_timeout_fires_timeoutSeconds_after_the_assistant_stops_up_to_triggerMaxCount_times()
    {
        var call = QuietCaller(SpeechTimeout());

        call.RunUntil(60);

        // "Hi." plays 0.20 → 0.38; the hook fires at 5.38 and is heard one ttfb later. "Are you there?" (14 × 60 ms)
        // ends at 6.42, the clock starts again, and so on: three times, the default triggerMaxCount.
        Assert.Equal(["Hi.", "Are you there?", "Are you there?", "Are you there?"], call.Tts.Chunks);
        var starts = call.Messages.OfType("speech-update").Where(m => m.Message["role"]!.GetValue<string>() == "assistant" && m.Message["status"]!.GetValue<string>() == "started").Select(m => m.At).ToList();
        Assert.Equal([S(0.2), S(5.58), S(11.62), S(17.66)], starts);
    }

    [Fact]
    public void Customer_speech_timeout_takes_its_options_in_its_name_and_the_caller_speaking_stops_the_clock()
    {
        var named = QuietCaller(SpeechTimeout("customer.speech.timeout[timeoutSeconds=2]", new JsonObject { ["triggerMaxCount"] = 1 }));
        // The caller answers at 1.0, before the 2 s are up: the clock stops, and restarts after the reply.
        var answered = QuietCaller(SpeechTimeout(options: new JsonObject { ["timeoutSeconds"] = 2, ["triggerMaxCount"] = 1 }),
            s => s.Caller.Says("Hello", from: 1.0, to: 1.5));

        named.RunUntil(30);
        answered.RunUntil(30);

        Assert.Equal(["Hi.", "Are you there?"], named.Tts.Chunks);
        Assert.Equal(S(2.58), named.Audio.Frames.First(f => f.At > S(0.4)).At);
        // "Sure." is heard 2.2 → 2.5; the hook fires 2 s later, at 4.5, heard at 4.7.
        Assert.Equal(["Hi.", "Sure.", "Are you there?"], answered.Tts.Chunks);
        Assert.Equal(S(4.7), answered.Audio.Frames.First(f => f.At > S(2.6)).At);
    }

    [Fact]
    public void A_speech_timeout_that_is_not_a_number_falls_back_to_the_default_and_the_hook_is_left_as_written()
    {
        var hook = SpeechTimeout("customer.speech.timeout[timeoutSeconds=NaN]", new JsonObject { ["triggerMaxCount"] = 1 });
        var call = QuietCaller(hook);

        call.RunUntil(20);

        // The call went on (TimeSpan.FromSeconds(NaN) had thrown on its loop): the default 7.5 s from 0.38, heard at 8.08.
        Assert.Null(call.EndedReason);
        Assert.Equal(["Hi.", "Are you there?"], call.Tts.Chunks);
        Assert.Equal(S(8.08), call.Audio.Frames.First(f => f.At > S(0.4)).At);
        Assert.Equal("""{"triggerMaxCount":1}""", hook["options"]!.ToJsonString());
    }

    [Fact]
    public void Customer_speech_timeout_counts_again_after_the_caller_speaks_with_triggerResetMode_onUserSpeech()
    {
        var options = new JsonObject { ["timeoutSeconds"] = 2, ["triggerMaxCount"] = 1, ["triggerResetMode"] = "onUserSpeech" };
        var reset = QuietCaller(SpeechTimeout(options: options), s => s.Caller.Says("Hello", from: 4.0, to: 4.5));
        var kept = QuietCaller(SpeechTimeout(options: new JsonObject { ["timeoutSeconds"] = 2, ["triggerMaxCount"] = 1 }),
            s => s.Caller.Says("Hello", from: 4.0, to: 4.5));

        reset.RunUntil(30);
        kept.RunUntil(30);

        Assert.Equal(["Hi.", "Are you there?", "Sure.", "Are you there?"], reset.Tts.Chunks);
        Assert.Equal(["Hi.", "Are you there?", "Sure."], kept.Tts.Chunks);
    }

    private static TimeSpan LastFrameEndBefore(SimulatedCall call, double seconds) => call.Audio.LastFrameEndBefore(S(seconds));
}
