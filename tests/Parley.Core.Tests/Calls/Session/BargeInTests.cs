using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: an interruption stops the assistant's audio within one 20 ms frame of the moment it is decided
// (voiceSeconds of caller speech, numWords transcribed words, or an interruption phrase), the history keeps only
// the words that were played, user-interrupted goes out once, and noise or acknowledgements never cut the reply.
public class BargeInTests
{
    // 66 characters × 60 ms = 3.96 s of audio from 3.2 s, so it would play until 7.16 s.
    private const string Story = "Once upon a time there was a little fox who lived in a quiet wood.";

    private static SimulatedCall Call(Action<CallScript> caller, JsonObject? stopSpeakingPlan = null)
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        caller(script);
        script.Llm.Reply(Story, ttft: 0.1).Reply("Okay.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        return new SimulatedCall(script, Basic(configure: a =>
        {
            if (stopSpeakingPlan is not null) a["stopSpeakingPlan"] = stopSpeakingPlan;
        }));
    }

    private static TimeSpan LastFrameEndBefore(SimulatedCall call, double seconds) => call.Audio.LastFrameEndBefore(S(seconds));

    [Fact]
    public void Caller_speech_of_voiceSeconds_stops_the_audio_one_frame_later()
    {
        var call = Call(s => s.Caller.Says("Wait stop", from: 5.0, to: 6.0));

        call.RunUntil(20);

        Assert.Equal(S(5.22), LastFrameEndBefore(call, 6.0));
    }

    [Fact]
    public void History_keeps_only_the_words_played_before_the_interruption()
    {
        var call = Call(s => s.Caller.Says("Wait stop", from: 5.0, to: 6.0));

        call.RunUntil(20);

        // 101 frames (3.20 … 5.20) of 198 played: 33 of 66 characters, which ends inside "little".
        Assert.Equal(
            ["system: You are a storyteller.", "user: Tell me a story", "assistant: Once upon a time there was a", "user: Wait stop", "assistant: Okay."],
            call.HistoryLines());
    }

    [Fact]
    public void User_interrupted_goes_out_once_when_the_first_word_confirms_the_interruption()
    {
        var call = Call(s => s.Caller.Says("Wait stop", from: 5.0, to: 6.0));

        call.RunUntil(20);

        var interrupted = Assert.Single(call.Messages.OfType("user-interrupted"));
        Assert.Equal(S(5.5), interrupted.At);
        // It names the reply it cut off, as that reply's tokens did; the next reply's tokens carry another turnId.
        var turnIds = call.Messages.OfType("model-output").Select(m => m.Message["turnId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Equal(2, turnIds.Count);
        Assert.Equal(turnIds[0], interrupted.Message["turnId"]!.GetValue<string>());
    }

    [Fact]
    public void A_reply_ready_within_backoffSeconds_is_held_until_they_pass()
    {
        var call = Call(s => s.Caller.Says("Hold on", from: 5.0, to: 5.5));

        call.RunUntil(20);

        // Interrupted at 5.25 (the first word); the turn ends at 5.5 + 0.4 and the answer is ready ttft + ttfb later,
        // at 6.2, but backoff keeps the assistant quiet until 5.25 + 1.0.
        Assert.Equal(S(5.25), Assert.Single(call.Messages.OfType("user-interrupted")).At);
        Assert.Equal(S(6.25), call.Audio.Frames.First(f => f.At > S(5.5)).At);
    }

    [Fact]
    public void Backoff_does_not_delay_the_turn_end_so_a_long_interruption_is_answered_without_waiting_again()
    {
        var call = Call(s => s.Caller.Says("Wait stop", from: 5.0, to: 6.0));

        call.RunUntil(20);

        // Backoff ran out at 6.5 while the caller still spoke; the turn ends at 6.0 + 0.4, then ttft + ttfb.
        Assert.Equal(S(6.4 + 0.1 + 0.2), call.Audio.Frames.First(f => f.At > S(6.0)).At);
    }

    [Fact]
    public void Noise_without_words_pauses_the_reply_and_it_resumes_where_it_stopped()
    {
        var call = Call(s => s.Caller.MakesNoise(from: 5.0, to: 5.3));

        call.RunUntil(20);

        Assert.Equal(S(5.22), LastFrameEndBefore(call, 5.5));
        // Speech stopped at 5.3; no words within the 0.5 s window, so playout resumes at 5.8 with the next frame.
        Assert.Equal(S(5.8), call.Audio.Frames.First(f => f.At > S(5.2)).At);
        Assert.Equal(198, call.Audio.Frames.Count);
        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Equal("assistant: " + Story, call.HistoryLines()[^1]);
    }

    [Fact]
    public void With_numWords_the_reply_stops_when_that_many_words_are_transcribed()
    {
        var call = Call(s => s.Caller.Says("please wait now", from: 5.0, to: 5.6), new JsonObject { ["numWords"] = 2 });

        call.RunUntil(20);

        // "please wait" is transcribed at 5.4; the frame due at 5.4 still goes out.
        Assert.Equal(S(5.42), LastFrameEndBefore(call, 5.6));
        Assert.Equal(S(5.4), Assert.Single(call.Messages.OfType("user-interrupted")).At);
    }

    [Fact]
    public void With_numWords_fewer_words_do_not_interrupt()
    {
        var call = Call(s => s.Caller.Says("hmm", from: 5.0, to: 5.3), new JsonObject { ["numWords"] = 2 });

        call.RunUntil(20);

        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Equal(S(3.2), call.Audio.FirstFrameAt);
        Assert.Contains("assistant: " + Story, call.HistoryLines());
    }

    [Fact]
    public void An_interruption_phrase_interrupts_at_once_whatever_numWords_says()
    {
        var call = Call(s => s.Caller.Says("no stop please", from: 5.0, to: 5.6),
            new JsonObject { ["numWords"] = 5, ["interruptionPhrases"] = new JsonArray("stop") });

        call.RunUntil(20);

        Assert.Equal(S(5.4), Assert.Single(call.Messages.OfType("user-interrupted")).At);
    }

    [Fact]
    public void An_acknowledgement_never_interrupts_and_starts_no_turn()
    {
        var call = Call(s => s.Caller.Says("okay", from: 5.0, to: 5.3),
            new JsonObject { ["acknowledgementPhrases"] = new JsonArray("okay", "uh-huh") });

        call.RunUntil(20);

        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Equal(198, call.Audio.Frames.Count);
        Assert.Single(call.ModelRequests);
        Assert.Equal("assistant: " + Story, call.HistoryLines()[^1]);
    }

    [Fact]
    public void Vapis_default_interruption_phrases_interrupt_whatever_numWords_says()
    {
        var call = Call(s => s.Caller.Says("stop", from: 5.0, to: 5.3), new JsonObject { ["numWords"] = 3 });

        call.RunUntil(20);

        Assert.Equal(S(5.3), Assert.Single(call.Messages.OfType("user-interrupted")).At);
    }

    [Fact]
    public void An_empty_phrase_list_turns_vapis_defaults_off()
    {
        var call = Call(s => s.Caller.Says("stop", from: 5.0, to: 5.3), new JsonObject { ["numWords"] = 3, ["interruptionPhrases"] = new JsonArray() });

        call.RunUntil(20);

        Assert.Empty(call.Messages.OfType("user-interrupted"));
    }

    [Fact]
    public void Vapis_default_acknowledgements_never_interrupt_even_past_numWords()
    {
        var call = Call(s => s.Caller.Says("yeah okay", from: 5.0, to: 5.4), new JsonObject { ["numWords"] = 2 });

        call.RunUntil(20);

        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Equal(198, call.Audio.Frames.Count);
        Assert.Single(call.ModelRequests);
    }

    [Fact]
    public void An_acknowledgement_lets_the_paused_reply_go_on_at_once()
    {
        var call = Call(s => s.Caller.Says("okay", from: 5.0, to: 5.3));

        call.RunUntil(20);

        // voiceSeconds of "okay" pause the reply at 5.22; the word, at 5.3, is an acknowledgement, and the reply goes on
        // then rather than after the false-interruption window (5.8).
        Assert.Equal(S(5.22), LastFrameEndBefore(call, 5.3));
        Assert.Equal(S(5.3), call.Audio.Frames.First(f => f.At >= S(5.22)).At);
        Assert.Equal(198, call.Audio.Frames.Count);
        Assert.Empty(call.Messages.OfType("user-interrupted"));
    }

    [Fact]
    public void Words_the_voice_detector_missed_still_interrupt()
    {
        // A quick "stop" the detector does not take for speech, while the story plays.
        var call = Call(s => s.Caller.SaysUndetected("stop", from: 5.0, to: 5.1), new JsonObject { ["numWords"] = 3 });

        call.RunUntil(20);

        Assert.Equal(S(5.1), Assert.Single(call.Messages.OfType("user-interrupted")).At);
    }

    [Fact]
    public void A_late_final_of_the_last_turn_is_no_interruption_of_its_reply()
    {
        var script = new CallScript();
        // The transcriber sends "To Boston." 50 ms after the turn ended (2.4), with no new speech start.
        script.Caller.Says("I need a flight", from: 0.5, to: 2.0).SaysUndetected("To Boston.", from: 2.0, to: 2.45);
        script.Llm.Reply("Sure.", ttft: 0.1).Reply("Boston it is.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(configure: a => a["stopSpeakingPlan"] = new JsonObject { ["numWords"] = 2 }));

        call.RunUntil(10);

        // The late words join the turn (the silent reply to "I need a flight" gives way) with no backoff: the answer
        // is asked for at 2.45 and heard at 2.75.
        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Equal(S(2.75), call.Audio.FirstFrameAt);
    }

    [Fact]
    public void The_report_counts_who_cut_whom_off()
    {
        // The caller cuts the story off at 5.5.
        var interrupted = Call(s => s.Caller.Says("Wait stop", from: 5.0, to: 6.0));
        // The greeting starts at 0.2 while the caller is talking (0.1 to 3.0).
        var script = new CallScript();
        script.Caller.Says("I was saying something long", from: 0.1, to: 3.0);
        script.Llm.Reply("Okay.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2);
        var talkedOver = new SimulatedCall(script, Basic(firstMessage: "Hello."));

        foreach (var call in (SimulatedCall[])[interrupted, talkedOver])
            call.RunUntil(12).Send(new JsonObject { ["type"] = "end-call" }).RunUntil(13);

        var caller = interrupted.Report["artifact"]!["performanceMetrics"]!;
        Assert.Equal((1, 0), (caller["numAssistantInterrupted"]!.GetValue<int>(), caller["numUserInterrupted"]!.GetValue<int>()));
        var assistant = talkedOver.Report["artifact"]!["performanceMetrics"]!;
        Assert.Equal((0, 1), (assistant["numAssistantInterrupted"]!.GetValue<int>(), assistant["numUserInterrupted"]!.GetValue<int>()));
    }
}
