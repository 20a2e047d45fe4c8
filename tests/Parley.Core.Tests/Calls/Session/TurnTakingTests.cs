using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: the assistant's first frame goes out exactly at caller stop + waitSeconds + LLM ttft + TTS ttfb, and
// frames then follow every 20 ms without drift; nothing depends on thread scheduling.
public class TurnTakingTests
{
    [Fact]
    public void First_assistant_frame_goes_out_at_stop_plus_wait_plus_ttft_plus_ttfb()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        script.Llm.Reply("Once upon a time.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic());

        call.RunUntil(10);

        Assert.Equal(S(3.2), call.Audio.FirstFrameAt);
        Assert.Single(call.ModelRequests);
        Assert.Equal("user: Tell me a story", call.HistoryLines()[1]);
    }

    [Fact]
    public void Frames_follow_every_20_ms_from_the_first_and_the_whole_reply_is_played()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        script.Llm.Reply("Once upon a time.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic());

        call.RunUntil(10);

        // 17 characters × 60 ms = 1.02 s = 51 frames.
        Assert.Equal(51, call.Audio.Frames.Count);
        for (var i = 0; i < call.Audio.Frames.Count; i++) Assert.Equal(S(3.2 + 0.02 * i), call.Audio.Frames[i].At);
        Assert.Equal(S(4.22), call.Audio.AudioEndedAt);
        Assert.Equal(["system: You are a storyteller.", "user: Tell me a story", "assistant: Once upon a time."], call.HistoryLines());
    }

    [Fact]
    public void Wait_is_measured_from_a_final_transcript_that_arrives_late()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5, finalDelay: 0.3);
        script.Llm.Reply("Once upon a time.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2);
        var call = new SimulatedCall(script, Basic(configure: a => a["startSpeakingPlan"] = new System.Text.Json.Nodes.JsonObject { ["waitSeconds"] = 0.2 }));

        call.RunUntil(10);

        // Stop at 2.5 + wait 0.2 = 2.7 has passed when the final lands at 2.8, so the turn ends at 2.8.
        Assert.Equal(S(2.8 + 0.1 + 0.2), call.Audio.FirstFrameAt);
    }
}

// Invariant: the same script gives the same call, message for message and frame for frame, every time.
public class DeterminismTests
{
    private static string Run()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5).MakesNoise(from: 3.5, to: 3.6).Says("Wait stop", from: 5.0, to: 6.0);
        script.Llm.Reply("Once upon a time there was a little fox. It lived in a quiet wood.", ttft: 0.1, total: 0.9).Reply("Okay.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.05);
        var call = new SimulatedCall(script, Basic()).RunUntil(20);
        return string.Join("\n", call.Messages.Messages.Select(m => m.At.Ticks + " " + m.Message.ToJsonString()))
            + "\n" + string.Join(",", call.Audio.Frames.Select(f => f.At.Ticks));
    }

    [Fact]
    public void Running_the_same_script_twice_gives_identical_calls()
    {
        var first = Run();

        Assert.Equal(first, Run());
        Assert.Contains("user-interrupted", first);
    }
}

// Invariant: a model that makes no sound for HangWarning after its turn began is reported once with hang.
public class HangTests
{
    [Fact]
    public void A_slow_model_sends_hang_five_seconds_after_the_turn_ends()
    {
        var script = new CallScript();
        script.Caller.Says("Hello", from: 0.5, to: 1.0);
        script.Llm.Reply("Sorry for the wait.", ttft: 7);
        var call = new SimulatedCall(script, Basic());

        call.RunUntil(12);

        Assert.Equal(S(1.4 + 5), Assert.Single(call.Messages.OfType("hang")).At);
        Assert.Equal(S(1.4 + 7 + 0.2), call.Audio.FirstFrameAt);
    }

    [Fact]
    public void A_prompt_model_sends_no_hang()
    {
        var script = new CallScript();
        script.Caller.Says("Hello", from: 0.5, to: 1.0);
        script.Llm.Reply("Hi.", ttft: 0.5);
        var call = new SimulatedCall(script, Basic());

        call.RunUntil(12);

        Assert.Empty(call.Messages.OfType("hang"));
    }
}
