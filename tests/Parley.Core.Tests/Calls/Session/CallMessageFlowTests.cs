using System.Text.Json.Nodes;
using Parley.Core.Calls.Simulation;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: the messages of a call go out at the moments they describe, in Vapi's shapes: speech-updates at the
// speech edges, transcripts as words arrive, conversation-update whenever the history grows, and one
// end-of-call-report with the artifact of what was actually said.
public class CallMessageFlowTests
{
    private static SimulatedCall StoryCall()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        script.Llm.Reply("Once upon a time.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic()).RunUntil(6);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(7);
        return call;
    }

    private static string Line(RecordedMessage m) => $"{m.At.TotalSeconds:0.000} {m.Message.ToJsonString()}";

    [Fact]
    public void Speech_updates_mark_each_speech_edge_with_role_and_turn()
    {
        var call = StoryCall();

        Assert.Equal(
        [
            """0.500 {"type":"speech-update","status":"started","role":"user","turn":0}""",
            """2.500 {"type":"speech-update","status":"stopped","role":"user","turn":0}""",
            """3.200 {"type":"speech-update","status":"started","role":"assistant","turn":1}""",
            """4.220 {"type":"speech-update","status":"stopped","role":"assistant","turn":1}""",
        ], call.Messages.OfType("speech-update").Select(Line));
    }

    [Fact]
    public void Transcripts_come_as_partials_then_a_final_for_the_caller_and_a_final_for_the_assistant()
    {
        var call = StoryCall();

        Assert.Equal(
        [
            """1.000 {"type":"transcript","role":"user","transcriptType":"partial","transcript":"Tell"}""",
            """1.500 {"type":"transcript","role":"user","transcriptType":"partial","transcript":"Tell me"}""",
            """2.000 {"type":"transcript","role":"user","transcriptType":"partial","transcript":"Tell me a"}""",
            """2.500 {"type":"transcript","role":"user","transcriptType":"final","transcript":"Tell me a story"}""",
            """4.220 {"type":"transcript","role":"assistant","transcriptType":"final","transcript":"Once upon a time."}""",
        ], call.Messages.OfType("transcript").Select(Line));
    }

    [Theory]
    [InlineData("""{"assistantName":"Buyer","userName":"Seller"}""", "Seller: Tell me a story\nBuyer: Once upon a time.")]
    [InlineData("""{}""", "User: Tell me a story\nAI: Once upon a time.")]
    [InlineData("""{"enabled":false}""", null)]
    public void The_transcript_names_the_sides_as_the_transcript_plan_says_or_is_left_out(string transcriptPlan, string? expected)
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5);
        script.Llm.Reply("Once upon a time.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(configure: a => a["artifactPlan"] = new JsonObject { ["transcriptPlan"] = JsonNode.Parse(transcriptPlan) })).RunUntil(6);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(7);

        var artifact = call.Report["artifact"]!.AsObject();
        Assert.Equal(expected, (string?)artifact["transcript"]);
        Assert.Equal(expected is not null, artifact.ContainsKey("transcript"));
    }

    [Fact]
    public void The_report_lists_what_the_call_used_in_Vapis_cost_shapes_at_no_price()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 2.0, to: 3.5);
        script.Llm.Reply("Once upon a time.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic(firstMessage: "Hello.", configure: a =>
        {
            a["voice"] = new JsonObject { ["provider"] = "cartesia", ["voiceId"] = "v-1", ["apiKey"] = "sk-voice" };
            a["transcriber"] = new JsonObject { ["provider"] = "deepgram", ["model"] = "nova-2", ["language"] = "en" };
        })).RunUntil(8.5);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(9);

        var report = call.Report;
        // 8.5 s of call; the model was sent 3 messages (system, greeting, caller) and answered 4 words; the voice was
        // given "Hello." and "Once upon a time." (6 + 17 characters).
        Assert.Equal("""
            [{"type":"transport","provider":"vapi.websocket","minutes":0.1417,"cost":0},{"type":"transcriber","transcriber":{"provider":"deepgram","model":"nova-2","language":"en"},"minutes":0.1417,"cost":0},{"type":"model","model":{"provider":"openai","model":"gpt-4o"},"promptTokens":3,"completionTokens":4,"cachedPromptTokens":0,"cost":0},{"type":"voice","voice":{"provider":"cartesia","voiceId":"v-1"},"characters":23,"cost":0}]
            """, report["costs"]!.ToJsonString());
        Assert.Equal("""
            {"transport":0,"stt":0,"llm":0,"tts":0,"vapi":0,"total":0,"llmPromptTokens":3,"llmCompletionTokens":4,"llmCachedPromptTokens":0,"ttsCharacters":23}
            """, report["costBreakdown"]!.ToJsonString());
        Assert.Equal(0, report["cost"]!.GetValue<int>());
    }

    [Fact]
    public void Assistant_started_follows_in_progress_and_names_the_assistant_without_its_secrets()
    {
        var call = new SimulatedCall(new CallScript(), Basic(firstMessage: "Hi.", configure: a =>
        {
            a["id"] = "asst_1";
            a["name"] = "Bakery";
            a["server"] = new JsonObject { ["url"] = "https://hooks.example", ["secret"] = "server-secret" };
            a["voice"] = new JsonObject { ["provider"] = "11labs", ["voiceId"] = "rachel", ["apiKey"] = "sk-voice" };
        })).RunUntil(1);

        Assert.Equal(["status-update", "assistant.started"], call.Messages.Messages.Take(2).Select(m => m.Message["type"]!.GetValue<string>()));
        var started = call.Messages.OfType("assistant.started").Single().Message;
        Assert.Equal("""
            {"id":"asst_1","name":"Bakery","firstMessage":"Hi.","firstMessageMode":"assistant-speaks-first","model":{"provider":"openai","model":"gpt-4o"},"voice":{"provider":"11labs","voiceId":"rachel"}}
            """, started["newAssistant"]!.ToJsonString());
    }

    [Fact]
    public void Voice_input_says_what_went_to_the_voice_when_it_went()
    {
        var call = StoryCall();

        Assert.Equal(["""3.000 {"type":"voice-input","input":"Once upon a time."}"""], call.Messages.OfType("voice-input").Select(Line));
        Assert.Equal(call.Tts.Chunks, call.Messages.OfType("voice-input").Select(m => m.Message["input"]!.GetValue<string>()));
    }

    [Fact]
    public void Model_output_streams_the_tokens_as_the_model_produces_them()
    {
        var call = StoryCall();

        Assert.Equal(["Once", " upon", " a", " time."], call.Messages.OfType("model-output").Select(m => m.Message["output"]!.GetValue<string>()));
        Assert.All(call.Messages.OfType("model-output"), m => Assert.Equal(S(3.0), m.At));
    }

    [Fact]
    public void Conversation_update_carries_both_message_formats_when_the_history_grows()
    {
        var call = StoryCall();

        var updates = call.Messages.OfType("conversation-update");
        Assert.Equal([S(2.9), S(4.22)], updates.Select(u => u.At));
        var last = updates[^1].Message;
        Assert.Equal(["system", "user", "bot"], last["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("""[{"role":"system","content":"You are a storyteller."},{"role":"user","content":"Tell me a story"},{"role":"assistant","content":"Once upon a time."}]""",
            last["messagesOpenAIFormatted"]!.ToJsonString());
    }

    [Fact]
    public void The_call_starts_in_progress_and_ends_with_status_then_the_report()
    {
        var call = StoryCall();

        var types = call.Messages.Messages.Select(m => m.Type).ToList();
        Assert.Equal("status-update", types[0]);
        Assert.Equal(["status-update", "end-of-call-report"], types[^2..]);
        Assert.Equal("""{"type":"status-update","status":"ended","endedReason":"customer-ended-call"}""", call.Messages.Messages[^2].Message.ToJsonString());
    }

    [Fact]
    public void End_of_call_report_holds_the_artifact_of_what_was_said()
    {
        var report = StoryCall().Report;

        Assert.Equal("customer-ended-call", report["endedReason"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:00.000Z", report["startedAt"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:06.000Z", report["endedAt"]!.GetValue<string>());
        Assert.Equal(0, report["cost"]!.GetValue<int>());
        // The assistant names a model but no voice or transcriber block, so those have no entry of their own.
        Assert.Equal(["transport", "model"], report["costs"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        var artifact = report["artifact"]!;
        Assert.Equal("User: Tell me a story\nAI: Once upon a time.", artifact["transcript"]!.GetValue<string>());
        var bot = artifact["messages"]!.AsArray()[2]!;
        Assert.Equal("""{"role":"bot","message":"Once upon a time.","time":1767225603200,"endTime":1767225604220,"duration":1020,"secondsFromStart":3.2}""", bot.ToJsonString());
        var user = artifact["messages"]!.AsArray()[1]!;
        Assert.Equal("""{"role":"user","message":"Tell me a story","time":1767225600500,"endTime":1767225602500,"duration":2000,"secondsFromStart":0.5}""", user.ToJsonString());
        Assert.NotNull(artifact["variableValues"]);
    }

    [Fact]
    public void An_interrupted_reply_is_reported_with_only_the_words_played()
    {
        var script = new CallScript();
        script.Caller.Says("Tell me a story", from: 0.5, to: 2.5).Says("Wait stop", from: 5.0, to: 6.0);
        script.Llm.Reply("Once upon a time there was a little fox who lived in a quiet wood.", ttft: 0.1).Reply("Okay.", ttft: 0.1);
        script.Tts.Speaks(ttfb: 0.2, perCharacter: 0.06);
        var call = new SimulatedCall(script, Basic()).RunUntil(10);
        call.Send(new JsonObject { ["type"] = "end-call" }).RunUntil(11);

        var transcript = call.Report["artifact"]!["transcript"]!.GetValue<string>();
        Assert.Equal("User: Tell me a story\nAI: Once upon a time there was a\nUser: Wait stop\nAI: Okay.", transcript);
        var cut = call.ArtifactMessages[2]!;
        Assert.Equal(1767225605220, cut["endTime"]!.GetValue<long>());
    }

    [Fact]
    public void The_end_of_call_report_times_each_answered_turn()
    {
        var call = StoryCall();

        var report = Assert.Single(call.Messages.OfType("end-of-call-report")).Message;
        var metrics = report["artifact"]!["performanceMetrics"]!;
        // Caller stops at 2.5, waitSeconds 0.4 ends the turn at 2.9, the first words come 0.1 later, audio 0.2 after.
        // The final transcript came as the caller stopped: the transcriber took no time of its own.
        Assert.Equal("""[{"endpointingLatency":400,"turnLatency":700,"modelLatency":100,"voiceLatency":200,"transcriberLatency":0}]""", metrics["turnLatencies"]!.ToJsonString());
        Assert.Equal(700, metrics["turnLatencyAverage"]!.GetValue<double>());
    }
}
