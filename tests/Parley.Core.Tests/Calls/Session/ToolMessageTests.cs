using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using Parley.Core.Tools.Rules;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: a tool's messages are said as Vapi says them in a call: one request-start variant (or a default filler)
// as the tool starts, the request-complete message once and instead of the model, a system one as a hint for the model
// and never aloud, and the call ended after a message that asks for it.
public class ToolMessageTests
{
    // The caller stops at 2.5; the turn ends at 2.9; the model asks for the tool at 3.0; the tool answers at 5.0.
    private static SimulatedCall BookingCall(JsonArray? messages, Action<CallScript>? replies = null)
    {
        var script = new CallScript();
        script.Caller.Says("Book it", from: 0.5, to: 2.5);
        script.Llm.CallsTool("book", ttft: 0.1);
        replies?.Invoke(script);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.02);
        var tool = new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = "book" },
            ["server"] = new JsonObject { ["url"] = "https://tools.example/book", ["secret"] = "s3cret" },
        };
        if (messages is not null) tool["messages"] = messages;
        var call = new SimulatedCall(script, Basic(configure: a => a["model"]!["tools"] = new JsonArray(tool)), toolRules: true);
        call.Tools.Duration = TimeSpan.FromSeconds(2);
        return call;
    }

    private static JsonObject Message(string type, string content, string? role = null, bool endCall = false, bool blocking = false)
    {
        var message = new JsonObject { ["type"] = type, ["content"] = content };
        if (role is not null) message["role"] = role;
        if (endCall) message["endCallAfterSpokenEnabled"] = true;
        if (blocking) message["blocking"] = true;
        return message;
    }

    [Fact]
    public void The_request_complete_message_is_said_once_instead_of_asking_the_model()
    {
        var call = BookingCall(new JsonArray(Message("request-start", "Let me book that."), Message("request-complete", "Your table is booked.")));

        call.RunUntil(10);

        Assert.Equal(["Let me book that.", "Your table is booked."], call.Tts.Chunks);
        Assert.Single(call.ModelRequests);
        Assert.Null(call.EndedReason);
        // Said as the tool starts: one ttfb after the model asked for it.
        Assert.Equal(S(3.2), call.Audio.FirstFrameAt);
    }

    [Fact]
    public void The_client_hears_of_the_tool_call_when_the_model_asks_for_it()
    {
        var call = BookingCall(null, s => s.Llm.Reply("Done.", ttft: 0.1));

        call.RunUntil(10);

        var message = Assert.Single(call.Messages.OfType("tool-calls"));
        Assert.Equal(S(3.0), message.At);
        Assert.Equal("book", message.Message["toolCallList"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("book", message.Message["toolWithToolCallList"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Null(message.Message["artifact"]);
        // The client never sees how the tool reaches its server.
        Assert.DoesNotContain("s3cret", message.Message.ToJsonString());
        Assert.Null(message.Message["toolWithToolCallList"]![0]!["server"]);
    }

    [Fact]
    public void A_system_request_complete_message_is_a_hint_for_the_model_not_said()
    {
        var call = BookingCall(
            new JsonArray(Message("request-start", "One sec."), Message("request-complete", "Tell the caller the booking id is 42.", role: "system")),
            s => s.Llm.Reply("Booked, your id is 42.", ttft: 0.1));

        call.RunUntil(10);

        Assert.Equal(["One sec.", "Booked, your id is 42."], call.Tts.Chunks);
        var hint = call.ModelRequests[1].Messages[^1];
        Assert.Equal(Llm.ChatRole.System, hint.Role);
        Assert.Equal("Tell the caller the booking id is 42.", hint.Content);
    }

    [Fact]
    public void Request_start_messages_are_variants_and_one_is_said()
    {
        string[] variants = ["One moment please.", "Let me check."];
        var call = BookingCall(new JsonArray(Message("request-start", variants[0]), Message("request-start", variants[1])), s => s.Llm.Reply("Done.", ttft: 0.1));

        call.RunUntil(10);

        Assert.Equal(2, call.Tts.Chunks.Count);
        Assert.Contains(call.Tts.Chunks[0], variants);
        Assert.Equal("Done.", call.Tts.Chunks[1]);
    }

    [Fact]
    public void A_tool_without_a_request_start_message_fills_the_wait_with_a_default_filler_and_an_empty_one_silences_it()
    {
        var filled = BookingCall(null, s => s.Llm.Reply("Done.", ttft: 0.1));
        var silenced = BookingCall(new JsonArray(Message("request-start", "")), s => s.Llm.Reply("Done.", ttft: 0.1));

        filled.RunUntil(10);
        silenced.RunUntil(10);

        Assert.Equal(2, filled.Tts.Chunks.Count);
        Assert.Contains(filled.Tts.Chunks[0], ToolMessageSelector.DefaultRequestStartFillers);
        Assert.Equal(S(3.2), filled.Audio.FirstFrameAt);
        Assert.Equal(["Done."], silenced.Tts.Chunks);
    }

    [Fact]
    public void A_message_with_endCallAfterSpokenEnabled_ends_the_call_once_said()
    {
        var call = BookingCall(new JsonArray(Message("request-start", "One sec."), Message("request-complete", "Booked, bye.", endCall: true)));

        call.RunUntil(10);

        Assert.Equal(["One sec.", "Booked, bye."], call.Tts.Chunks);
        Assert.Equal("assistant-ended-call-after-message-spoken", call.EndedReason);
        // "Booked, bye." (12 characters × 20 ms) is heard from 5.2 and ends the call when it has played.
        Assert.Equal(S(5.44), call.Messages.OfType("status-update").Last().At);
    }

    [Fact]
    public void A_tool_message_whose_template_fails_is_said_without_its_tags()
    {
        var call = BookingCall(new JsonArray(Message("request-start", "One sec {% if caller %}please."), Message("request-complete", "Booked.")));

        call.RunUntil(10);

        Assert.Equal(["One sec please.", "Booked."], call.Tts.Chunks);
    }

    [Fact]
    public void A_blocking_request_start_message_is_heard_before_the_tool_runs()
    {
        JsonArray Messages(bool blocking) => new(Message("request-start", "Let me book that.", blocking: blocking), Message("request-complete", "Your table is booked."));
        var blocking = BookingCall(Messages(blocking: true));
        var plain = BookingCall(Messages(blocking: false));

        blocking.RunUntil(10);
        plain.RunUntil(10);

        // Without blocking the tool runs as the model asks for it (3.0), while the message is voiced.
        Assert.Equal(S(3.0), Elapsed(plain, Assert.Single(plain.Tools.Started)));
        // With it, "Let me book that." (17 characters × 20 ms) plays from 3.2 to 3.54 and only then does the tool run,
        // for its 2 s; the request-complete message is voiced afresh (200 ms) and heard at 5.74.
        Assert.Equal(S(3.54), Elapsed(blocking, Assert.Single(blocking.Tools.Started)));
        Assert.Equal(["Let me book that.", "Your table is booked."], blocking.Tts.Chunks);
        // The message is heard whole before the line goes quiet for the tool: its last frame ends at 3.54.
        Assert.Equal(S(3.54), blocking.Audio.LastFrameEndBefore(S(5.74)));
        Assert.Equal(S(5.74), blocking.Audio.Frames.First(f => f.At >= S(3.6)).At);
        Assert.Equal(S(5.74) + S(0.42), blocking.Audio.AudioEndedAt);
        Assert.Equal("assistant: Your table is booked.", blocking.HistoryLines()[^1]);
    }

    [Fact]
    public void A_caller_who_cuts_in_on_a_blocking_message_stops_the_tool_before_it_runs_and_the_history_stays_answerable()
    {
        var call = BookingCall(new JsonArray(Message("request-start", "Let me book that for you right now.", blocking: true)), s =>
        {
            s.Caller.Says("No wait, not that day", from: 3.3, to: 4.5);
            s.Llm.Reply("Which day then?", ttft: 0.1);
        });

        call.RunUntil(10);

        Assert.Empty(call.Tools.Started);
        var next = call.ModelRequests[1].Messages.ToList();
        var asked = next.FindIndex(m => m.ToolCalls.Count > 0);
        Assert.Equal(Llm.ChatRole.Tool, next[asked + 1].Role);
        Assert.Equal(next[asked].ToolCalls[0].Id, next[asked + 1].ToolCallId);
        Assert.Equal(Parley.Core.Conversations.UnansweredToolCalls.InterruptedResult, next[asked + 1].Content);
        Assert.Equal(Llm.ChatRole.User, next[asked + 2].Role);
    }

    [Fact]
    public void A_tool_cut_off_by_the_caller_while_it_runs_gets_an_answer_in_the_history_so_the_next_turn_can_ask_the_model()
    {
        var call = BookingCall(new JsonArray(Message("request-start", "One moment.")), s =>
        {
            s.Caller.Says("Actually, hold on", from: 3.6, to: 4.5);
            s.Llm.Reply("Sure.", ttft: 0.1);
        });

        call.RunUntil(10);

        // The tool began at 3.0 and was still running when the reply was cancelled.
        Assert.Single(call.Tools.Started);
        Assert.Equal(2, call.ModelRequests.Count);
        var next = call.ModelRequests[1].Messages.ToList();
        var asked = next.FindIndex(m => m.ToolCalls.Count > 0);
        Assert.True(asked > 0);
        Assert.Equal(next[asked].ToolCalls[0].Id, next[asked + 1].ToolCallId);
        Assert.Equal(Parley.Core.Conversations.UnansweredToolCalls.InterruptedResult, next[asked + 1].Content);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(11);
        var logged = call.ArtifactMessages;
        var result = Assert.Single(logged, m => m!["role"]!.GetValue<string>() == "tool_call_result")!;
        Assert.Equal(Parley.Core.Conversations.UnansweredToolCalls.InterruptedResult, result["result"]!.GetValue<string>());
        // The cut-off reply's model request still spent its tokens (2 messages in, a tool call out); the next one was
        // sent 5 messages and answered one word.
        var used = call.Report["costBreakdown"]!;
        Assert.Equal(7, used["llmPromptTokens"]!.GetValue<long>());
        Assert.Equal(2, used["llmCompletionTokens"]!.GetValue<long>());
    }

    // 41 characters × 20 ms: heard from 3.2 to 4.02 when nothing gets in the way.
    private const string LongStart = "Let me book that table for you right now.";

    [Fact]
    public void A_call_ended_while_a_blocking_message_plays_ends_cleanly_and_the_tool_never_runs()
    {
        var call = BookingCall(new JsonArray(Message("request-start", LongStart, blocking: true)));

        call.RunUntil(3.5);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(6);

        Assert.Equal("customer-ended-call", call.EndedReason);
        Assert.Empty(call.Tools.Started);
        Assert.Empty(call.Faults);
        Assert.Equal(0, call.Tts.OpenStreams);
    }

    [Fact]
    public void Noise_that_pauses_a_blocking_message_holds_the_tool_until_the_message_has_played_out()
    {
        var call = BookingCall(new JsonArray(Message("request-start", LongStart, blocking: true)), s => s.Caller.MakesNoise(from: 3.5, to: 3.8));

        call.RunUntil(10);

        // The message paused for the noise and resumed (a false interruption); the tool waited for its last frame.
        Assert.Empty(call.Messages.OfType("user-interrupted"));
        var heardOut = call.Audio.LastFrameEndBefore(S(4.6));
        Assert.True(heardOut > S(4.02), $"the message should have been paused, ended at {heardOut}");
        Assert.Equal(heardOut, Elapsed(call, Assert.Single(call.Tools.Started)));
        Assert.Equal(41, call.Audio.Frames.Count(f => f.At < S(4.6)));
    }

    private static TimeSpan Elapsed(SimulatedCall call, DateTimeOffset at) => at - (call.Clock.GetUtcNow() - call.Clock.Elapsed);
}
