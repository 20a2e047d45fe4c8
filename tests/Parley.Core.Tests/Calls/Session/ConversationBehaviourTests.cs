using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: every timed behaviour fires at exactly its configured time after the event that arms it — idle
// messages idleTimeoutSeconds after the assistant stops, silence timeout after the last speech, max duration
// after the start — and end-call phrases end the call when the phrase has been played out.
public class ConversationBehaviourTests
{
    private static JsonObject IdleAssistant(int maxCount = 3, bool reset = false) => Basic(firstMessage: "Hi.", configure: a =>
        a["messagePlan"] = new JsonObject
        {
            ["idleMessages"] = new JsonArray("Are you still there?", "Hello?"),
            ["idleTimeoutSeconds"] = 5,
            ["idleMessageMaxSpokenCount"] = maxCount,
            ["idleMessageResetCountOnUserSpeechEnabled"] = reset,
        });

    [Fact]
    public void Idle_message_fires_exactly_idleTimeoutSeconds_after_the_assistant_stops()
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, IdleAssistant());

        call.RunUntil(7);

        // "Hi." is 3 × 60 ms: played 0.20 → 0.38; the idle timer fires at 5.38 and its audio comes ttfb later.
        Assert.Equal(S(0.38), call.Audio.Frames[8].At + call.Audio.Frames[8].Length);
        Assert.Equal(S(5.58), call.Audio.Frames[9].At);
        Assert.Equal("Are you still there?", call.Tts.Chunks[1]);
    }

    [Fact]
    public void Idle_messages_stop_after_idleMessageMaxSpokenCount()
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, IdleAssistant(maxCount: 2));

        call.RunUntil(29);

        Assert.Equal(["Hi.", "Are you still there?", "Hello?"], call.Tts.Chunks);
    }

    [Fact]
    public void Caller_speech_resets_the_idle_count_when_enabled()
    {
        var script = new CallScript();
        script.Caller.Says("hmm", from: 12, to: 12.5);
        script.Llm.Reply("Yes?", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, IdleAssistant(maxCount: 1, reset: true));

        call.RunUntil(29);

        Assert.Equal(["Hi.", "Are you still there?", "Yes?", "Hello?"], call.Tts.Chunks);
        Assert.Equal(S(12.5 + 0.4 + 0.1 + 0.2 + 0.24 + 5 + 0.2), call.Audio.Frames.First(f => f.At > S(14)).At);
    }

    [Fact]
    public void Without_the_reset_the_idle_count_survives_caller_speech()
    {
        var script = new CallScript();
        script.Caller.Says("hmm", from: 12, to: 12.5);
        script.Llm.Reply("Yes?", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, IdleAssistant(maxCount: 1));

        call.RunUntil(29);

        Assert.Equal(["Hi.", "Are you still there?", "Yes?"], call.Tts.Chunks);
    }

    [Fact]
    public void No_idle_message_while_the_assistant_waits_on_a_tool()
    {
        var script = new CallScript();
        script.Caller.Says("Book it", from: 1, to: 1.5);
        script.Llm.CallsTool("book", ttft: 0.1).Reply("Done.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, IdleAssistant());
        call.Tools.Duration = TimeSpan.FromSeconds(8);

        // Stops before the tool returns: ConversationRunner reads tool events with ReadAllAsync, which resumes off
        // the virtual timeline, so the simulation cannot follow the call past the end of a tool round yet.
        call.RunUntil(9.9);

        // The caller stopped at 1.5; 8.4 quiet seconds pass while the tool runs (2.0 → 10.0), and no idle message.
        Assert.Equal(["Hi."], call.Tts.Chunks);
        Assert.Single(call.ModelRequests);
    }

    [Fact]
    public void Silence_timeout_ends_the_call_at_exactly_silenceTimeoutSeconds()
    {
        var call = new SimulatedCall(new CallScript(), Basic(configure: a => a["silenceTimeoutSeconds"] = 10));

        call.RunUntil(60);

        Assert.Equal("silence-timed-out", call.EndedReason);
        var ended = call.Messages.OfType("status-update").Last();
        Assert.Equal(S(10), ended.At);
        Assert.Equal("silence-timed-out", ended.Message["endedReason"]!.GetValue<string>());
    }

    [Fact]
    public void Silence_timeout_message_is_spoken_before_the_call_ends()
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(configure: a =>
        {
            a["silenceTimeoutSeconds"] = 10;
            a["messagePlan"] = new JsonObject { ["silenceTimeoutMessage"] = "Bye." };
        }));

        call.RunUntil(60);

        Assert.Equal("silence-timed-out", call.EndedReason);
        // "Bye." from 10.2 for 4 × 60 ms.
        Assert.Equal(S(10.44), call.Messages.OfType("status-update").Last().At);
    }

    [Fact]
    public void Max_duration_ends_the_call_with_exceeded_max_duration()
    {
        var script = new CallScript();
        script.Caller.Says("Talk to me", from: 1, to: 9);
        var call = new SimulatedCall(script, Basic(configure: a => a["maxDurationSeconds"] = 3));

        call.RunUntil(60);

        Assert.Equal("exceeded-max-duration", call.EndedReason);
        Assert.Equal(S(3), call.Messages.OfType("status-update").Last().At);
    }

    [Fact]
    public void An_end_call_phrase_said_by_the_assistant_ends_the_call_once_played()
    {
        var script = new CallScript();
        script.Caller.Says("Thanks", from: 1, to: 1.5);
        script.Llm.Reply("You are welcome, goodbye.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(configure: a => a["endCallPhrases"] = new JsonArray("Goodbye")));

        call.RunUntil(60);

        Assert.Equal("assistant-said-end-call-phrase", call.EndedReason);
        // 25 characters × 60 ms = 1.5 s from 2.2.
        Assert.Equal(S(3.7), call.Messages.OfType("status-update").Last().At);
    }
}

// Invariant: the idle timer also starts when the caller stops speaking and no reply is coming.
public class IdleAfterCallerTests
{
    [Fact]
    public void Idle_message_fires_idleTimeoutSeconds_after_caller_noise_that_starts_no_turn()
    {
        var script = new CallScript();
        script.Caller.MakesNoise(from: 1.0, to: 1.4);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(configure: a => a["messagePlan"] = new JsonObject
        {
            ["idleMessages"] = new JsonArray("Are you still there?"),
            ["idleTimeoutSeconds"] = 5,
        }));

        call.RunUntil(9);

        Assert.Equal(S(1.4 + 5 + 0.2), call.Audio.FirstFrameAt);
    }
}

// Invariant: a model that breaks mid-reply costs that reply, never the call or an open provider stream.
public class BrokenModelTests
{
    [Fact]
    public void A_model_that_throws_mid_reply_leaves_no_voice_stream_open_and_the_call_goes_on()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        script.Llm.ReplyThenThrow("Once upon", ttft: 0.1);
        script.Caller.Says("Hello?", from: 5.0, to: 5.5);
        script.Llm.Reply("Sorry, here I am.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic());

        call.RunUntil(4);
        // The words before the break never made a sentence, so nothing was voiced; the reply's voice stream, opened
        // for it, was closed rather than left waiting for text that would never come.
        Assert.Empty(call.Tts.Chunks);
        Assert.Equal(0, call.Tts.OpenStreams);

        call.RunUntil(9);
        Assert.Equal("Sorry, here I am.", call.Tts.Chunks[^1]);
        Assert.Equal(0, call.Tts.OpenStreams);
        Assert.Null(call.EndedReason);
    }

    [Fact]
    public void What_a_model_said_before_it_broke_is_voiced_played_and_settled_like_any_reply()
    {
        // The model breaks after "Then": the sentence before it, "Once upon a time there was a fox." (33 characters ×
        // 60 ms), was complete and is voiced from 3.0 and heard from 3.2 to 5.18.
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        script.Llm.ReplyThenThrow("Once upon a time there was a fox. Then", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic());

        call.RunUntil(8);

        Assert.Equal(S(5.18), call.Audio.AudioEndedAt);
        // The reply ended with its audio, not when the model broke: the caller heard it start and stop, and it joined
        // the history and the transcript.
        var speech = call.Messages.OfType("speech-update").Where(m => m.Message["role"]!.GetValue<string>() == "assistant").Select(m => m.At).ToList();
        Assert.Equal([S(3.2), S(5.18)], speech);
        Assert.Equal("assistant: Once upon a time there was a fox.", call.HistoryLines()[^1]);
        Assert.Equal(0, call.Tts.OpenStreams);
    }
}
