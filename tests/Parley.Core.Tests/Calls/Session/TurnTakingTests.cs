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
