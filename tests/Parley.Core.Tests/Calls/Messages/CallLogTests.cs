using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Calls.Messages;

// Invariant: the call log writes Vapi's artifact shapes exactly (field order included) whether read as trees at the end
// of the call or written frozen in a conversation-update, and keeps each message as little more than its text.
public sealed class CallLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CallLog EveryKindOfEntry()
    {
        var log = new CallLog(Start);
        log.System("Be brief.", Start);
        log.User("Book a table, \"please\"", Start.AddSeconds(1.25), Start.AddSeconds(2.5));
        log.Bot("Grüße! For when?", Start.AddSeconds(3), Start.AddMilliseconds(4999.6));
        log.Background(ChatMessage.User("The caller is a regular."), Start.AddSeconds(5));
        log.Background(new ChatMessage(ChatRole.Assistant, null) { ToolCalls = [new ToolCall("c1", "lookup", "{\"day\":1}")] }, Start.AddSeconds(6));
        log.Background(new ChatMessage(ChatRole.Tool, "found") { ToolCallId = "c1", Name = "lookup" }, Start.AddSeconds(6.5));
        log.ToolCalls(new JsonArray(new JsonObject { ["id"] = "c2", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "book", ["arguments"] = "{}" } }), Start.AddSeconds(7));
        log.ToolResult("c2", "book", "booked", Start.AddSeconds(7.5));
        log.TurnTiming(Start.AddSeconds(2.5), Start.AddSeconds(2.8), Start.AddSeconds(2.9), Start.AddSeconds(3), Start.AddSeconds(2.6));
        log.TurnTiming(Start.AddSeconds(8), Start.AddSeconds(8.4), null, Start.AddSeconds(8.6));
        return log;
    }

    [Fact]
    public void Every_kind_of_entry_is_written_in_vapis_shape_as_a_tree_and_frozen()
    {
        var log = EveryKindOfEntry();

        const string expected = """
            [{"role":"system","message":"Be brief.","time":1767225600000,"secondsFromStart":0},
            {"role":"user","message":"Book a table, \"please\"","time":1767225601250,"endTime":1767225602500,"duration":1250,"secondsFromStart":1.25},
            {"role":"bot","message":"Grüße! For when?","time":1767225603000,"endTime":1767225604999,"duration":1999,"secondsFromStart":3},
            {"role":"user","message":"The caller is a regular.","time":1767225605000,"secondsFromStart":5},
            {"role":"tool_calls","message":"","time":1767225606000,"secondsFromStart":6,"toolCalls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\"day\":1}"}}]},
            {"role":"tool_call_result","time":1767225606500,"secondsFromStart":6.5,"toolCallId":"c1","name":"lookup","result":"found"},
            {"role":"tool_calls","message":"","time":1767225607000,"secondsFromStart":7,"toolCalls":[{"id":"c2","type":"function","function":{"name":"book","arguments":"{}"}}]},
            {"role":"tool_call_result","time":1767225607500,"secondsFromStart":7.5,"toolCallId":"c2","name":"book","result":"booked"}]
            """;
        var compact = expected.Replace("\n", "");
        Assert.Equal(compact, Parley.Core.Json.JsonText.Of(log.ArtifactMessages()));
        Assert.Equal(compact, Parley.Core.Json.JsonText.Of(log.FrozenArtifactMessages()));
        Assert.Equal(8, log.Count);
    }

    [Fact]
    public void The_openai_messages_transcript_and_turn_timings_say_what_was_logged()
    {
        var log = EveryKindOfEntry();

        Assert.Equal("""
            [{"role":"system","content":"Be brief."},{"role":"user","content":"Book a table, \"please\""},{"role":"assistant","content":"Grüße! For when?"},
            {"role":"user","content":"The caller is a regular."},
            {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\"day\":1}"}}]},
            {"role":"tool","tool_call_id":"c1","content":"found","name":"lookup"},
            {"role":"assistant","content":null,"tool_calls":[{"id":"c2","type":"function","function":{"name":"book","arguments":"{}"}}]},
            {"role":"tool","tool_call_id":"c2","content":"booked"}]
            """.Replace("\n", ""), Parley.Core.Json.JsonText.Of(log.OpenAiMessages()));
        // Background messages are part of the record but nobody said them.
        Assert.Equal("User: Book a table, \"please\"\nAI: Grüße! For when?", log.Transcript());
        Assert.Equal("""
            {"turnLatencies":[{"endpointingLatency":300,"turnLatency":500,"modelLatency":100,"voiceLatency":100,"transcriberLatency":100},{"endpointingLatency":400,"turnLatency":600}],
            "endpointingLatencyAverage":350,"modelLatencyAverage":100,"voiceLatencyAverage":100,"transcriberLatencyAverage":100,"turnLatencyAverage":550,
            "numUserInterrupted":0,"numAssistantInterrupted":0}
            """.Replace("\n", ""), Parley.Core.Json.JsonText.Of(log.PerformanceMetrics()));
    }

    [Fact]
    public void Entries_are_listed_by_when_they_started_though_logged_when_they_settled()
    {
        var log = new CallLog(Start);
        // The greeting plays from 0.5 s to 3 s and is logged when it has played; a background message came at 1 s.
        log.Background(ChatMessage.User("The caller is a regular."), Start.AddSeconds(1));
        log.Bot("Hello, this is the bakery.", Start.AddSeconds(0.5), Start.AddSeconds(3));
        log.User("Are you open?", Start.AddSeconds(4), Start.AddSeconds(5));

        var roles = log.ArtifactMessages().Select(m => (string)m!["message"]!).ToList();
        Assert.Equal(["Hello, this is the bakery.", "The caller is a regular.", "Are you open?"], roles);
        Assert.Equal(Parley.Core.Json.JsonText.Of(log.ArtifactMessages()), Parley.Core.Json.JsonText.Of(log.FrozenArtifactMessages()));
        Assert.Equal("AI: Hello, this is the bakery.\nUser: Are you open?", log.Transcript());
        // The model read them in the order they joined its history.
        Assert.Equal(["The caller is a regular.", "Hello, this is the bakery.", "Are you open?"],
            log.OpenAiMessages().Select(m => (string)m!["content"]!).ToList());
    }

    [Fact]
    public void A_reply_is_listed_after_the_tool_calls_it_spoke_about_though_its_audio_started_first()
    {
        var log = new CallLog(Start);
        log.User("Is Friday free?", Start.AddSeconds(1), Start.AddSeconds(2));
        // "Let me check. Friday is free." started playing at 3 s; the model asked for the tool at 3.5 s, got it at 4 s.
        var calls = log.ToolCalls(new JsonArray(new JsonObject { ["id"] = "c1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "lookup", ["arguments"] = "{}" } }), Start.AddSeconds(3.5));
        var toolsEnd = log.ToolResult("c1", "lookup", "free", Start.AddSeconds(4));
        log.Bot("Let me check. Friday is free.", Start.AddSeconds(3), Start.AddSeconds(6), toolsEnd);

        Assert.Equal(2, calls);
        Assert.Equal(["user", "tool_calls", "tool_call_result", "bot"], log.ArtifactMessages().Select(m => (string)m!["role"]!).ToList());
        // Without its tools to follow, the same reply goes by its start.
        var plain = new CallLog(Start);
        plain.ToolResult("c0", "lookup", "free", Start.AddSeconds(4));
        plain.Bot("Friday is free.", Start.AddSeconds(3), Start.AddSeconds(6));
        Assert.Equal(["bot", "tool_call_result"], plain.ArtifactMessages().Select(m => (string)m!["role"]!).ToList());
    }

    [Fact]
    public void A_tree_read_from_the_log_is_the_callers_own()
    {
        var log = EveryKindOfEntry();
        var first = log.ArtifactMessages();
        // Tool calls and results keep JSON of their own in the log (entries 4, 6 and 7): those are the trees a reader
        // could reach into.
        first[4]!["toolCalls"]![0]!["id"] = "changed";
        first[6]!["toolCalls"]![0]!["id"] = "changed";
        first[0]!["message"] = "changed";
        var openAi = log.OpenAiMessages();
        openAi[4]!["tool_calls"]![0]!["id"] = "changed";
        openAi[6]!["tool_calls"]![0]!["id"] = "changed";
        openAi[7]!["content"] = "changed";

        var again = log.ArtifactMessages();
        Assert.Equal("c1", again[4]!["toolCalls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("c2", again[6]!["toolCalls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Be brief.", again[0]!["message"]!.GetValue<string>());
        var openAiAgain = log.OpenAiMessages();
        Assert.Equal("c1", openAiAgain[4]!["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("c2", openAiAgain[6]!["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("booked", openAiAgain[7]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void A_background_message_is_fixed_when_logged_and_never_part_of_the_transcript()
    {
        var log = new CallLog(Start);
        List<ToolCall> calls = [new ToolCall("c1", "lookup", "{}")];
        log.Background(new ChatMessage(ChatRole.Assistant, "Checking.") { ToolCalls = calls }, Start.AddSeconds(1));
        log.Background(ChatMessage.Assistant("An assistant note."), Start.AddSeconds(2));
        log.Background(ChatMessage.System("A system note."), Start.AddSeconds(3));
        // The list the message came with changes after it was logged: the log keeps what was said then.
        calls.Add(new ToolCall("c2", "later", "{}"));

        Assert.Equal("""
            [{"role":"tool_calls","message":"Checking.","time":1767225601000,"secondsFromStart":1,"toolCalls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
            {"role":"bot","message":"An assistant note.","time":1767225602000,"secondsFromStart":2},
            {"role":"system","message":"A system note.","time":1767225603000,"secondsFromStart":3}]
            """.Replace("\n", ""), Parley.Core.Json.JsonText.Of(log.FrozenArtifactMessages()));
        Assert.Equal("""
            [{"role":"assistant","content":"Checking.","tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
            {"role":"assistant","content":"An assistant note."},{"role":"system","content":"A system note."}]
            """.Replace("\n", ""), Parley.Core.Json.JsonText.Of(log.OpenAiMessages()));
        Assert.Equal("", log.Transcript());
    }

    [Fact]
    public void A_spoken_turn_costs_little_more_than_its_text()
    {
        // The log lives as long as the call: what a turn adds stays until the call ends, and the GC copies it from
        // generation to generation. As JSON trees (an entry, its OpenAI twin and its frozen bytes) a turn of two short
        // messages took 3.3 KB; as fields and frozen bytes it takes 0.8 KB (about a third of that the lists growing,
        // averaged over the turns), so the bound leaves room for a runtime's lists to grow differently.
        var log = new CallLog(Start);
        log.User("warm-up", Start, Start.AddSeconds(1));
        log.Bot("warm-up", Start, Start.AddSeconds(1));
        const int turns = 64;
        var texts = Enumerable.Range(0, turns).Select(i => $"Question number {i}, with some words in it").ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < turns; i++)
        {
            var at = Start.AddSeconds(10 * i);
            log.User(texts[i], at, at.AddSeconds(2));
            log.Bot(texts[i], at.AddSeconds(3), at.AddSeconds(6));
        }
        var perTurn = (GC.GetAllocatedBytesForCurrentThread() - before) / turns;

        Assert.InRange(perTurn, 0, 1100);
    }
}
