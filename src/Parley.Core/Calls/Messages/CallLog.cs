using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Json;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// The call's messages as Vapi's artifact lists them (role user / bot / system / tool_calls / tool_call_result, with
/// time and endTime in Unix ms and secondsFromStart), in the order they happened.
/// </summary>
public sealed class CallLog(DateTimeOffset callStart)
{
    // Each entry with its JSON serialized once, for the conversation-updates that carry them all again at every turn.
    private readonly List<(JsonObject Entry, FrozenJson Json)> _artifact = [];
    private readonly List<JsonObject> _openAi = [];

    private readonly List<JsonObject> _turns = [];

    public int Count => _artifact.Count;

    /// <summary>
    /// One answered turn, in Vapi's performanceMetrics terms (ms): endpointing (caller stopped → turn over), model
    /// (→ first words), voice (→ first audio) and the whole turn (caller stopped → first audio).
    /// </summary>
    public void TurnTiming(DateTimeOffset callerStopped, DateTimeOffset turnEnded, DateTimeOffset? firstText, DateTimeOffset firstAudio)
    {
        var turn = new JsonObject
        {
            ["endpointingLatency"] = Ms(turnEnded - callerStopped),
            ["turnLatency"] = Ms(firstAudio - callerStopped),
        };
        if (firstText is { } text)
        {
            turn["modelLatency"] = Ms(text - turnEnded);
            turn["voiceLatency"] = Ms(firstAudio - text);
        }
        _turns.Add(turn);
    }

    /// <summary>artifact.performanceMetrics: each turn's timings and their averages.</summary>
    public JsonObject PerformanceMetrics()
    {
        var metrics = new JsonObject { ["turnLatencies"] = new JsonArray(_turns.Select(t => (JsonNode?)t.DeepClone()).ToArray()) };
        foreach (var name in new[] { "endpointingLatency", "modelLatency", "voiceLatency", "turnLatency" })
        {
            var values = _turns.Select(t => t[name]?.GetValue<double>()).OfType<double>().ToList();
            if (values.Count > 0) metrics[name + "Average"] = Math.Round(values.Average(), 1);
        }
        return metrics;
    }

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 1);

    public void System(string text, DateTimeOffset at) => Add("system", text, at, null, new JsonObject { ["role"] = "system", ["content"] = text });

    public void User(string text, DateTimeOffset start, DateTimeOffset end) =>
        Add("user", text, start, end, new JsonObject { ["role"] = "user", ["content"] = text });

    public void Bot(string text, DateTimeOffset start, DateTimeOffset end) =>
        Add("bot", text, start, end, new JsonObject { ["role"] = "assistant", ["content"] = text });

    /// <summary>
    /// A background message (the add-message control) as the model reads it: part of the record, in Vapi's role names
    /// (tool calls and tool results as such), but never part of the spoken transcript, since nobody said it. Spoken
    /// messages carry an end time; background ones do not.
    /// </summary>
    public void Background(ChatMessage message, DateTimeOffset at)
    {
        var openAi = Conversations.OpenAiMessages.ToJson(message);
        JsonObject entry;
        if (message.Role == ChatRole.Tool) entry = ToolResultEntry(message.ToolCallId ?? "", message.Name ?? "", message.Content ?? "", at);
        else if (openAi["tool_calls"] is JsonArray calls) entry = ToolCallsEntry(calls, message.Content, at);
        else if (message.Content is { } content) entry = Entry(message.Role switch { ChatRole.Assistant => "bot", ChatRole.System => "system", _ => "user" }, content, at, null);
        else return;
        AddEntry(entry);
        _openAi.Add(openAi);
    }

    public void ToolCalls(JsonArray toolCalls, DateTimeOffset at)
    {
        AddEntry(ToolCallsEntry(toolCalls, null, at));
        _openAi.Add(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = toolCalls.DeepClone() });
    }

    public void ToolResult(string toolCallId, string name, string result, DateTimeOffset at)
    {
        AddEntry(ToolResultEntry(toolCallId, name, result, at));
        _openAi.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = toolCallId, ["content"] = result });
    }

    private JsonObject ToolCallsEntry(JsonArray toolCalls, string? text, DateTimeOffset at)
    {
        var entry = Entry("tool_calls", text, at, null);
        entry["toolCalls"] = toolCalls.DeepClone();
        return entry;
    }

    private JsonObject ToolResultEntry(string toolCallId, string name, string result, DateTimeOffset at)
    {
        var entry = Entry("tool_call_result", null, at, null);
        entry["toolCallId"] = toolCallId;
        entry["name"] = name;
        entry["result"] = result;
        return entry;
    }

    public JsonArray ArtifactMessages() => new(_artifact.Select(m => (JsonNode?)m.Entry.DeepClone()).ToArray());

    /// <summary>
    /// The artifact messages for a conversation-update: each entry as the JSON it was logged as (<see cref="FrozenJson"/>),
    /// so an update costs a small node per message instead of a copy of every message. Write it; do not index it.
    /// </summary>
    public JsonArray FrozenArtifactMessages() => FrozenJson.ArrayOf(_artifact, m => m.Json);

    public JsonArray OpenAiMessages() => new(_openAi.Select(m => (JsonNode?)m.DeepClone()).ToArray());

    /// <summary>
    /// Whether an artifact entry is something the caller or the assistant said: a user or bot message with an end time
    /// (a background one has none). An entry with no time at all (written elsewhere, or an OpenAI-format message, whose
    /// assistant role is Vapi's bot) counts by its role alone.
    /// </summary>
    public static bool IsSpoken(JsonObject entry) =>
        Json.JsonRead.String(entry["role"]) is "user" or "bot" or "assistant" && (entry["endTime"] is not null || entry["time"] is null);

    /// <summary>"AI: ...\nUser: ..." over the spoken messages, as Vapi's artifact.transcript.</summary>
    public string Transcript()
    {
        var text = new StringBuilder();
        foreach (var (m, _) in _artifact)
        {
            if (!IsSpoken(m)) continue;
            var role = m["role"]!.GetValue<string>();
            if (text.Length > 0) text.Append('\n');
            text.Append(role is "bot" or "assistant" ? "AI: " : "User: ").Append(m["message"]!.GetValue<string>());
        }
        return text.ToString();
    }

    private void Add(string role, string text, DateTimeOffset start, DateTimeOffset? end, JsonObject openAi)
    {
        AddEntry(Entry(role, text, start, end));
        _openAi.Add(openAi);
    }

    private void AddEntry(JsonObject entry)
    {
        _artifact.Add((entry, FrozenJson.Of(entry)));
    }

    private JsonObject Entry(string role, string? text, DateTimeOffset start, DateTimeOffset? end)
    {
        var entry = new JsonObject { ["role"] = role };
        if (text is not null) entry["message"] = text;
        entry["time"] = start.ToUnixTimeMilliseconds();
        if (end is { } e)
        {
            entry["endTime"] = e.ToUnixTimeMilliseconds();
            entry["duration"] = (long)(e - start).TotalMilliseconds;
        }
        entry["secondsFromStart"] = (start - callStart).TotalSeconds;
        return entry;
    }
}
