using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: the call's record lists its messages by when they happened, though each is logged when it settles: tool
// calls when the model asked for them, their results when they came, a reply after the tools it spoke about, and a
// background message between the words spoken around it.
public class CallRecordOrderTests
{
    private static IEnumerable<string> Lines(JsonNode? messages) => messages!.AsArray().Select(m =>
        $"{m!["secondsFromStart"]!.GetValue<double>():0.0} {m["role"]!.GetValue<string>()} {(string?)m["message"] ?? (string?)m["result"] ?? ""}".TrimEnd());

    [Fact]
    public void A_tool_call_mid_call_is_recorded_when_it_was_asked_for_and_answered()
    {
        var script = new CallScript();
        script.Caller.Says("Book it", from: 0.5, to: 2.5);
        script.Llm.CallsTool("book", ttft: 0.1).Reply("Done.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic());
        call.Tools.Duration = TimeSpan.FromSeconds(2);
        call.Tools.Result = "booked";

        call.RunUntil(8);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(9);

        // The turn ends at 2.9 (waitSeconds 0.4); the model asks for the tool at 3.0, the tool answers 2 s later, and
        // the model's answer is heard from 5.3 (0.1 to its words, 0.2 to their audio).
        var artifact = call.Report["artifact"]!;
        Assert.Equal(
        [
            "0.0 system You are a storyteller.",
            "0.5 user Book it",
            "3.0 tool_calls",
            "5.0 tool_call_result booked",
            "5.3 bot Done.",
        ], Lines(artifact["messages"]));
        Assert.Equal(S(5.3), call.Audio.Frames[0].At);
        Assert.Equal(2, call.ModelRequests.Count);
    }

    [Fact]
    public void A_background_message_added_while_the_greeting_plays_is_listed_after_the_greeting()
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(firstMessage: "Hello, this is the bakery.")).RunUntil(1);

        // The greeting plays from 0.2 to 1.76 and is logged once it has played; the background message comes at 1.0.
        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject { ["role"] = "system", ["content"] = "The caller is a regular." },
            ["triggerResponseEnabled"] = false,
        }).RunUntil(3);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(4);

        string[] expected = ["0.0 system You are a storyteller.", "0.2 bot Hello, this is the bakery.", "1.0 system The caller is a regular."];
        Assert.Equal(expected, Lines(call.Report["artifact"]!["messages"]));
        Assert.Equal(expected, Lines(call.Messages.OfType("conversation-update").Last().Message["messages"]));
    }
}
