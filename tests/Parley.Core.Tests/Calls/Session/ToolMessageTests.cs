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

    private static JsonObject Message(string type, string content, string? role = null, bool endCall = false)
    {
        var message = new JsonObject { ["type"] = type, ["content"] = content };
        if (role is not null) message["role"] = role;
        if (endCall) message["endCallAfterSpokenEnabled"] = true;
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
}
