using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: firstMessageMode decides who speaks first — a fixed first message is heard TTS ttfb after the call
// starts, a generated one after ttft + ttfb, and a waiting assistant is silent until the caller's turn ends.
public class FirstMessageTests
{
    [Fact]
    public void Assistant_speaks_the_first_message_ttfb_after_the_start_and_keeps_it_in_history()
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2);
        var call = new SimulatedCall(script, Basic(firstMessage: "Hello there."));

        call.RunUntil(5);

        Assert.Equal(S(0.2), call.Audio.FirstFrameAt);
        Assert.Equal(["system: You are a storyteller.", "assistant: Hello there."], call.HistoryLines());
        Assert.Empty(call.ModelRequests);
    }

    [Fact]
    public void Assistant_that_waits_for_the_user_is_silent_until_the_callers_turn_ends()
    {
        var script = new CallScript();
        script.Caller.Says("Hi", from: 1.0, to: 1.5);
        script.Llm.Reply("Hello.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2);
        var call = new SimulatedCall(script, Basic(firstMessage: "Hello there.", configure: a => a["firstMessageMode"] = "assistant-waits-for-user"));

        call.RunUntil(5);

        Assert.Equal(S(1.5 + 0.4 + 0.1 + 0.2), call.Audio.FirstFrameAt);
        Assert.Equal("assistant: Hello.", call.HistoryLines()[^1]);
    }

    [Fact]
    public void A_model_generated_first_message_asks_the_model_at_once()
    {
        var script = new CallScript();
        script.Llm.Reply("Good morning.", ttft: 0.3);
        script.Tts.Speaks(ttfb: 0.2);
        var call = new SimulatedCall(script, Basic(configure: a => a["firstMessageMode"] = "assistant-speaks-first-with-model-generated-message"));

        call.RunUntil(5);

        Assert.Equal(S(0.5), call.Audio.FirstFrameAt);
        Assert.Equal(["system: You are a storyteller."], call.ModelRequests[0].Messages.Select(m => "system: " + m.Content));
        Assert.Equal("assistant: Good morning.", call.HistoryLines()[^1]);
    }

    [Fact]
    public void The_first_message_is_not_interruptible_by_default()
    {
        var script = new CallScript();
        script.Caller.Says("Hey wait", from: 0.5, to: 1.0);
        script.Llm.Reply("Yes?", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(firstMessage: "Hello there, welcome to the shop."));

        call.RunUntil(10);

        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Contains("assistant: Hello there, welcome to the shop.", call.HistoryLines());
    }

    [Fact]
    public void A_reply_dropped_as_stale_while_the_first_message_plays_leaves_the_first_message_playing()
    {
        // The greeting (60 characters × 60 ms) plays from 0.2 to 3.8. The caller's first turn ends at 1.4 and its reply
        // waits behind the greeting; their second turn ends at 2.6 and makes that reply stale.
        var script = new CallScript();
        script.Caller.Says("Hi", from: 0.5, to: 1.0);
        script.Caller.Says("One more thing", from: 1.6, to: 2.2);
        script.Llm.Reply("Stale.", ttft: 0.1);
        script.Llm.Reply("Go on.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        const string greeting = "Hello there, welcome to the shop, how may I help you today??";
        var call = new SimulatedCall(script, Basic(firstMessage: greeting));

        call.RunUntil(8);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(9);

        // Dropping the stale reply's queued audio took the greeting's with it: it stopped at 2.6 and never settled.
        var greetingFrames = call.Audio.Frames.TakeWhile(f => f.At < S(3.8)).ToList();
        Assert.Equal(180, greetingFrames.Count);
        Assert.Equal(S(3.8), greetingFrames[^1].At + greetingFrames[^1].Length);
        Assert.Equal(["Hello there, welcome to the shop, how may I help you today??", "Stale.", "Go on."], call.Tts.Chunks);
        var bot = call.ArtifactMessages
            .Where(m => m!["role"]!.GetValue<string>() == "bot").Select(m => m!["message"]!.GetValue<string>());
        Assert.Equal([greeting, "Go on."], bot);
    }

    [Fact]
    public void The_first_message_is_rendered_with_Liquid_over_the_calls_variables()
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2);
        var call = new SimulatedCall(script, Basic(firstMessage: "Hello {{ name | upcase }}, it is {{ day | default: 'a fine day' }}."),
            variableValues: new System.Text.Json.Nodes.JsonObject { ["name"] = "Ada" });

        call.RunUntil(5);

        Assert.Equal(["Hello ADA, it is a fine day."], call.Tts.Chunks);
        Assert.Equal("assistant: Hello ADA, it is a fine day.", call.HistoryLines()[^1]);
    }

    [Fact]
    public void A_first_message_whose_template_is_broken_is_spoken_without_its_tags()
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2);
        var call = new SimulatedCall(script, Basic(firstMessage: "Welcome {{ name | nosuchfilter: }} to Parley."));

        call.RunUntil(5);

        Assert.Equal(["Welcome  to Parley."], call.Tts.Chunks);
    }
}
