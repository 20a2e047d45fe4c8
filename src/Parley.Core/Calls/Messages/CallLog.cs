using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Json;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// The call's messages as Vapi's artifact lists them (role user / bot / system / tool_calls / tool_call_result, with
/// time and endTime in Unix ms and secondsFromStart), in the order they started.
/// </summary>
public sealed class CallLog(DateTimeOffset callStart)
{
    // Each entry with its JSON serialized once, for the conversation-updates that carry them all again at every turn.
    // Spoken and background text, and each turn's timings, are kept as fields and become trees only when the call's
    // artifact is built: the log lives as long as the call, and trees of it were most of what a call's turns left for
    // the GC to promote. Tool calls and results (rare) keep their JSON.
    private readonly List<(CallLogEntry Entry, FrozenJson Json)> _artifact = [];
    private readonly List<OpenAiEntry> _openAi = [];

    private readonly List<TurnTimes> _turns = [];

    /// <summary>
    /// An OpenAI-format message: a spoken or system entry of the log (its role and text, not a second copy of them), a
    /// background chat message, or (tool calls and results, as logged) its JSON.
    /// </summary>
    private readonly record struct OpenAiEntry(object Source)
    {
        public JsonObject ToJson() => Source switch
        {
            CallLogEntry entry => new JsonObject { ["role"] = entry.Role == "bot" ? "assistant" : entry.Role, ["content"] = entry.Message },
            ChatMessage message => Conversations.OpenAiMessages.ToJson(message),
            JsonObject json => json.DeepClone().AsObject(),
            _ => throw new InvalidOperationException($"an OpenAI-format log entry cannot come from {Source.GetType().Name}"),
        };
    }

    private readonly record struct TurnTimes(double Endpointing, double Turn, double? Model, double? Voice, double? Transcriber);

    /// <summary>Times the caller cut the assistant off (Vapi's numAssistantInterrupted).</summary>
    public int AssistantInterruptions { get; set; }

    /// <summary>Times the assistant started while the caller was speaking (Vapi's numUserInterrupted).</summary>
    public int UserInterruptions { get; set; }

    public int Count => _artifact.Count;

    /// <summary>The model's tokens and the voice's characters, for the report's costs.</summary>
    public CallUsage Usage { get; } = new();

    /// <summary>
    /// One answered turn, in Vapi's performanceMetrics terms (ms): endpointing (caller stopped → turn over), model
    /// (→ first words), voice (→ first audio), the whole turn (caller stopped → first audio) and the transcriber
    /// (caller stopped → their last final transcript; 0 when it came first).
    /// </summary>
    public void TurnTiming(DateTimeOffset callerStopped, DateTimeOffset turnEnded, DateTimeOffset? firstText, DateTimeOffset firstAudio,
        DateTimeOffset? lastFinal = null) =>
        _turns.Add(new TurnTimes(Ms(turnEnded - callerStopped), Ms(firstAudio - callerStopped),
            firstText is { } text ? Ms(text - turnEnded) : null, firstText is { } t ? Ms(firstAudio - t) : null,
            lastFinal is { } final ? Math.Max(0, Ms(final - callerStopped)) : null));

    /// <summary>artifact.performanceMetrics: each turn's timings and their averages.</summary>
    public JsonObject PerformanceMetrics()
    {
        var metrics = new JsonObject { ["turnLatencies"] = new JsonArray(_turns.Select(t => (JsonNode?)TurnJson(t)).ToArray()) };
        Average("endpointingLatency", _turns.Select(t => (double?)t.Endpointing));
        Average("modelLatency", _turns.Select(t => t.Model));
        Average("voiceLatency", _turns.Select(t => t.Voice));
        Average("transcriberLatency", _turns.Select(t => t.Transcriber));
        Average("turnLatency", _turns.Select(t => (double?)t.Turn));
        metrics["numUserInterrupted"] = UserInterruptions;
        metrics["numAssistantInterrupted"] = AssistantInterruptions;
        return metrics;

        void Average(string name, IEnumerable<double?> times)
        {
            var values = times.OfType<double>().ToList();
            if (values.Count > 0) metrics[name + "Average"] = Math.Round(values.Average(), 1);
        }
    }

    private static JsonObject TurnJson(TurnTimes turn)
    {
        var json = new JsonObject { ["endpointingLatency"] = turn.Endpointing, ["turnLatency"] = turn.Turn };
        if (turn.Model is { } model) json["modelLatency"] = model;
        if (turn.Voice is { } voice) json["voiceLatency"] = voice;
        if (turn.Transcriber is { } transcriber) json["transcriberLatency"] = transcriber;
        return json;
    }

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 1);

    public void System(string text, DateTimeOffset at) => Add("system", text, at, null);

    public void User(string text, DateTimeOffset start, DateTimeOffset end) => Add("user", text, start, end);

    /// <param name="notBefore">
    /// Where the reply's own tool entries end: a reply is one bot message (its words before and after the tools), stamped
    /// when its audio started, and it is listed after the tool calls and results it spoke about.
    /// </param>
    public void Bot(string text, DateTimeOffset start, DateTimeOffset end, int notBefore = 0) => Add("bot", text, start, end, notBefore);

    /// <summary>
    /// A background message (the add-message control) as the model reads it: part of the record, in Vapi's role names
    /// (tool calls and tool results as such), but never part of the spoken transcript, since nobody said it. Spoken
    /// messages carry an end time; background ones do not.
    /// </summary>
    public void Background(ChatMessage message, DateTimeOffset at)
    {
        if (message.Role == ChatRole.Tool)
        {
            AddEntry(ToolResultEntry(message.ToolCallId ?? "", message.Name ?? "", message.Content ?? "", at));
            _openAi.Add(new OpenAiEntry(message));
        }
        else if (message.ToolCalls.Count > 0)
        {
            // As JSON now: the calls' list is the sender's, and the log must keep what it held when the message came.
            var openAi = Conversations.OpenAiMessages.ToJson(message);
            AddEntry(ToolCallsEntry((JsonArray)openAi["tool_calls"]!, message.Content, at));
            _openAi.Add(new OpenAiEntry(openAi));
        }
        else if (message.Content is { } content)
        {
            AddEntry(Entry(message.Role switch { ChatRole.Assistant => "bot", ChatRole.System => "system", _ => "user" }, content, at, null));
            _openAi.Add(new OpenAiEntry(message));
        }
    }

    /// <returns>The position just after the entry in the artifact's list.</returns>
    public int ToolCalls(JsonArray toolCalls, DateTimeOffset at)
    {
        var after = AddEntry(ToolCallsEntry(toolCalls, null, at));
        _openAi.Add(new OpenAiEntry(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = toolCalls.DeepClone() }));
        return after;
    }

    /// <returns>The position just after the entry in the artifact's list.</returns>
    public int ToolResult(string toolCallId, string name, string result, DateTimeOffset at)
    {
        var after = AddEntry(ToolResultEntry(toolCallId, name, result, at));
        _openAi.Add(new OpenAiEntry(new JsonObject { ["role"] = "tool", ["tool_call_id"] = toolCallId, ["content"] = result }));
        return after;
    }

    // Vapi's ToolCallMessage requires its message: "" when the model said nothing alongside its calls.
    private CallLogEntry ToolCallsEntry(JsonArray toolCalls, string? text, DateTimeOffset at) =>
        new() { Role = "tool_calls", Message = text ?? "", Time = at.ToUnixTimeMilliseconds(), SecondsFromStart = Since(at), ToolCalls = toolCalls.DeepClone().AsArray() };

    private CallLogEntry ToolResultEntry(string toolCallId, string name, string result, DateTimeOffset at) =>
        new() { Role = "tool_call_result", Time = at.ToUnixTimeMilliseconds(), SecondsFromStart = Since(at), ToolCallId = toolCallId, Name = name, Result = result };

    public JsonArray ArtifactMessages() => new(_artifact.Select(m => (JsonNode?)m.Entry.ToJson()).ToArray());

    /// <summary>
    /// The artifact messages for a conversation-update: each entry as the JSON it was logged as (<see cref="FrozenJson"/>),
    /// so an update costs a small node per message instead of a copy of every message. Write it; do not index it.
    /// </summary>
    public JsonArray FrozenArtifactMessages() => FrozenJson.ArrayOf(_artifact, m => m.Json);

    public JsonArray OpenAiMessages() => new(_openAi.Select(m => (JsonNode?)m.ToJson()).ToArray());

    /// <summary>
    /// Whether an artifact entry is something the caller or the assistant said: a user or bot message with an end time
    /// (a background one has none). An entry with no time at all (written elsewhere, or an OpenAI-format message, whose
    /// assistant role is Vapi's bot) counts by its role alone.
    /// </summary>
    public static bool IsSpoken(JsonObject entry) =>
        Json.JsonRead.String(entry["role"]) is "user" or "bot" or "assistant" && (entry["endTime"] is not null || entry["time"] is null);

    /// <summary>
    /// "AI: ...\nUser: ..." over the spoken messages, as Vapi's artifact.transcript; the names are
    /// artifactPlan.transcriptPlan's assistantName and userName.
    /// </summary>
    public string Transcript(string assistantName = "AI", string userName = "User")
    {
        var text = new StringBuilder();
        foreach (var (m, _) in _artifact)
        {
            if (!m.IsSpoken) continue;
            if (text.Length > 0) text.Append('\n');
            text.Append(m.Role == "bot" ? assistantName : userName).Append(": ").Append(m.Message);
        }
        return text.ToString();
    }

    /// <summary>
    /// The transcript as the assistant's <c>artifactPlan.transcriptPlan</c> asks for it: its sides named as the plan
    /// says, or null when the plan turns the transcript off.
    /// </summary>
    public string? TranscriptFor(JsonObject? assistant)
    {
        var plan = (assistant?["artifactPlan"] as JsonObject)?["transcriptPlan"] as JsonObject;
        if (Json.JsonRead.Bool(plan?["enabled"]) == false) return null;
        return Transcript(Json.JsonRead.String(plan?["assistantName"]) ?? "AI", Json.JsonRead.String(plan?["userName"]) ?? "User");
    }

    private void Add(string role, string text, DateTimeOffset start, DateTimeOffset? end, int notBefore = 0)
    {
        var entry = Entry(role, text, start, end);
        AddEntry(entry, notBefore);
        _openAi.Add(new OpenAiEntry(entry));
    }

    /// <summary>
    /// Lists the entry by when it started. Entries are logged when they settle (a reply once it has played, a caller's
    /// words once the turn is over), so one that started earlier can come in later: a background message added while
    /// the greeting plays is logged before the greeting. The OpenAI-format list stays in the model's order.
    /// </summary>
    /// <returns>The position just after the entry.</returns>
    private int AddEntry(CallLogEntry entry, int notBefore = 0)
    {
        var at = _artifact.Count;
        while (at > notBefore && _artifact[at - 1].Entry.Time > entry.Time) at--;
        _artifact.Insert(at, (entry, FrozenJson.Of(entry)));
        return at + 1;
    }

    private CallLogEntry Entry(string role, string? text, DateTimeOffset start, DateTimeOffset? end) => new()
    {
        Role = role,
        Message = text,
        Time = start.ToUnixTimeMilliseconds(),
        EndTime = end?.ToUnixTimeMilliseconds(),
        Duration = end is { } e ? (long)(e - start).TotalMilliseconds : null,
        SecondsFromStart = Since(start),
    };

    private double Since(DateTimeOffset at) => (at - callStart).TotalSeconds;
}
