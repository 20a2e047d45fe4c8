using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: live control messages act at the moment they arrive on the call's timeline — say is heard one TTS
// ttfb later, add-message reaches the model's next request, end-call ends the call at once, mute drops audio.
public class ControlMessageTests
{
    private static SimulatedCall Call(Action<CallScript>? configure = null)
    {
        var script = new CallScript();
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        configure?.Invoke(script);
        return new SimulatedCall(script, Basic());
    }

    [Fact]
    public void Say_speaks_the_content_and_can_end_the_call_after_it()
    {
        var call = Call().RunUntil(1);

        call.Send(new JsonObject { ["type"] = "say", ["content"] = "Bye now.", ["endCallAfterSpoken"] = true }).RunUntil(10);

        Assert.Equal(S(1.2), call.Audio.FirstFrameAt);
        Assert.Equal("assistant-ended-call-after-message-spoken", call.EndedReason);
        // 8 characters × 60 ms from 1.2.
        Assert.Equal(S(1.68), call.Messages.OfType("status-update").Last().At);
    }

    [Fact]
    public void A_say_that_interrupts_the_assistant_is_heard_at_once_and_is_no_user_interruption()
    {
        var call = Call(s =>
        {
            s.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
            s.Llm.Reply("Once upon a time there was a little fox.", ttft: 0.1);
        }).RunUntil(4);

        call.Send(new JsonObject { ["type"] = "say", ["content"] = "Excuse me.", ["interruptAssistantEnabled"] = true }).RunUntil(10);

        // The story (from 3.2) stops after the frame out at 4.0; the say is heard one ttfb later, no backoff.
        Assert.Equal(S(4.2), call.Audio.Frames.First(f => f.At > S(4.01)).At);
        Assert.Empty(call.Messages.OfType("user-interrupted"));
        Assert.Contains("assistant: Excuse me.", call.HistoryLines());
    }

    [Fact]
    public void Say_accepts_the_web_sdk_message_field()
    {
        var call = Call().RunUntil(1);

        call.Send(new JsonObject { ["type"] = "say", ["message"] = "Hello." }).RunUntil(3);

        Assert.Equal(["Hello."], call.Tts.Chunks);
        Assert.Equal("assistant: Hello.", call.HistoryLines()[^1]);
    }

    [Fact]
    public void Say_is_not_interruptible_unless_interruptions_are_enabled()
    {
        var quiet = Call(s => s.Caller.Says("Wait a second", from: 1.5, to: 2.5)).RunUntil(1);
        quiet.Send(new JsonObject { ["type"] = "say", ["content"] = "This is a long announcement for you." }).RunUntil(10);
        var open = Call(s => s.Caller.Says("Wait a second", from: 1.5, to: 2.5)).RunUntil(1);
        open.Send(new JsonObject { ["type"] = "say", ["content"] = "This is a long announcement for you.", ["interruptionsEnabled"] = true }).RunUntil(10);

        Assert.Empty(quiet.Messages.OfType("user-interrupted"));
        Assert.Single(open.Messages.OfType("user-interrupted"));
    }

    [Fact]
    public void Add_message_joins_the_history_and_triggers_a_response_when_asked()
    {
        var call = Call(s => s.Llm.Reply("Noted.", ttft: 0.1)).RunUntil(1);

        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject { ["role"] = "system", ["content"] = "The caller is a VIP." },
            ["triggerResponseEnabled"] = true,
        }).RunUntil(5);

        Assert.Equal("The caller is a VIP.", call.ModelRequests[0].Messages[^1].Content);
        Assert.Equal(S(1.3), call.Audio.FirstFrameAt);
    }

    [Fact]
    public void Add_message_without_the_flag_is_a_silent_background_message_as_the_seed_shows()
    {
        var call = Call(s => s.Llm.Reply("Peanuts.", ttft: 0.1)).RunUntil(1);

        // The seed's example, word for word.
        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject { ["role"] = "system", ["content"] = "The user has pressed the button, say peanuts" },
        }).RunUntil(5);

        Assert.Empty(call.ModelRequests);
        Assert.Empty(call.Audio.Frames);
        Assert.Equal("system: The user has pressed the button, say peanuts", call.HistoryLines()[^1]);
    }

    [Fact]
    public void A_malformed_add_message_keeps_what_it_can_and_the_call_goes_on()
    {
        var call = Call().RunUntil(1);

        // A tool call whose function is not an object: the rest of the message is still read.
        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = "Order 42 was shipped.",
                ["tool_calls"] = new JsonArray(new JsonObject { ["id"] = "a", ["function"] = "oops" }),
            },
            ["triggerResponseEnabled"] = false,
        }).RunUntil(2);
        call.Send(new JsonObject { ["type"] = "say", ["content"] = "Still here." }).RunUntil(4);

        Assert.Null(call.Session.Fault);
        Assert.Null(call.EndedReason);
        Assert.Equal(["assistant: Order 42 was shipped.", "assistant: Still here."], call.HistoryLines().TakeLast(2));
    }

    [Fact]
    public void A_transfer_without_a_destination_is_reported_and_the_call_goes_on()
    {
        var call = Call().RunUntil(1);

        call.Send(new JsonObject { ["type"] = "transfer", ["content"] = "Transferring you." }).RunUntil(3);

        Assert.Equal(["a transfer message without a destination was dropped"], call.Faults);
        Assert.Empty(call.Actions.Transfers);
        Assert.Empty(call.Tts.Chunks);
        Assert.Null(call.EndedReason);
    }

    [Fact]
    public void Add_message_without_trigger_only_joins_the_history()
    {
        var call = Call().RunUntil(1);

        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject { ["role"] = "user", ["content"] = "I am back." },
            ["triggerResponseEnabled"] = false,
        }).RunUntil(5);

        Assert.Empty(call.ModelRequests);
        Assert.Equal("user: I am back.", call.HistoryLines()[^1]);
    }

    [Fact]
    public void A_background_message_is_in_the_calls_record_but_not_in_its_spoken_transcript()
    {
        var call = Call().RunUntil(1);

        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "Order 42 was shipped." },
            ["triggerResponseEnabled"] = false,
        }).RunUntil(2);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(3);

        var update = call.Messages.OfType("conversation-update").Last().Message;
        Assert.Equal("bot", update["messages"]!.AsArray()[^1]!["role"]!.GetValue<string>());
        var artifact = call.Report["artifact"]!;
        var logged = artifact["messages"]!.AsArray()[^1]!;
        Assert.Equal("bot", logged["role"]!.GetValue<string>());
        Assert.Equal("Order 42 was shipped.", logged["message"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero).ToUnixTimeMilliseconds(), logged["time"]!.GetValue<long>());
        Assert.Null(logged["endTime"]);
        Assert.Equal("assistant", artifact["messagesOpenAIFormatted"]!.AsArray()[^1]!["role"]!.GetValue<string>());
        Assert.DoesNotContain("Order 42", artifact["transcript"]!.GetValue<string>());
    }

    [Fact]
    public void A_background_message_is_recorded_as_the_model_reads_it()
    {
        var call = Call().RunUntil(1);

        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject
            {
                ["role"] = "developer",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Prefer " }, new JsonObject { ["type"] = "text", ["text"] = "short answers." }),
            },
            ["triggerResponseEnabled"] = false,
        }).RunUntil(2);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(3);

        var logged = call.ArtifactMessages[^1]!;
        Assert.Equal("system", logged["role"]!.GetValue<string>());
        Assert.Equal("Prefer short answers.", logged["message"]!.GetValue<string>());
    }

    [Fact]
    public void A_background_tool_result_is_recorded_as_a_tool_result()
    {
        var call = Call().RunUntil(1);

        call.Send(new JsonObject
        {
            ["type"] = "add-message",
            ["message"] = new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_7", ["name"] = "lookup", ["content"] = "found" },
            ["triggerResponseEnabled"] = false,
        }).RunUntil(2);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(3);

        var artifact = call.Report["artifact"]!;
        var logged = artifact["messages"]!.AsArray()[^1]!;
        Assert.Equal("tool_call_result", logged["role"]!.GetValue<string>());
        Assert.Equal("call_7", logged["toolCallId"]!.GetValue<string>());
        Assert.Equal("found", logged["result"]!.GetValue<string>());
        var openAi = artifact["messagesOpenAIFormatted"]!.AsArray()[^1]!;
        Assert.Equal("tool", openAi["role"]!.GetValue<string>());
        Assert.Equal("call_7", openAi["tool_call_id"]!.GetValue<string>());
    }

    [Fact]
    public void End_call_ends_the_call_at_once()
    {
        var call = Call().RunUntil(2.5);

        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(5);

        Assert.Equal("customer-ended-call", call.EndedReason);
        Assert.Equal(S(2.5), call.Messages.OfType("status-update").Last().At);
    }

    [Fact]
    public void After_a_stall_end_call_is_handled_between_catch_up_frames_not_after_the_backlog()
    {
        var call = Call().RunUntil(1);
        call.Send(new JsonObject { ["type"] = "say", ["content"] = "This is a long announcement that keeps on going for a while." }).RunUntil(1.5);
        var before = call.Audio.Frames.Count;

        // The loop is held up for 100 ms mid-reply: five frames fall due meanwhile; then the caller hangs up.
        call.Stall(0.1).Send(new JsonObject { ["type"] = "end-call" });

        Assert.Equal("customer-ended-call", call.EndedReason);
        Assert.Equal(before + 1, call.Audio.Frames.Count);
    }

    [Fact]
    public void Muted_assistant_audio_is_not_sent_until_unmuted()
    {
        var call = Call().RunUntil(1);
        call.Send(new JsonObject { ["type"] = "control", ["control"] = "mute-assistant" });
        call.Send(new JsonObject { ["type"] = "say", ["content"] = "One two three four five." }).RunUntil(1.5);

        call.Send(new JsonObject { ["type"] = "control", ["control"] = "unmute-assistant" }).RunUntil(5);

        // Audio is paced from 1.2 either way; the frame due at 1.5 went out before the unmute arrived at 1.5.
        Assert.Equal(S(1.52), call.Audio.FirstFrameAt);
        Assert.Equal(S(1.2 + 24 * 0.06), call.Audio.AudioEndedAt);
    }
}
