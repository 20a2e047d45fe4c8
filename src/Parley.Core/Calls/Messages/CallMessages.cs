using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.Calls.Messages;

/// <summary>Builds the Vapi-shaped call messages (vapi-api.md §6.2), each as the bare message object.</summary>
public static class CallMessages
{
    public static JsonObject StatusUpdate(string status, string? endedReason = null)
    {
        var message = new JsonObject { ["type"] = "status-update", ["status"] = status };
        if (endedReason is not null) message["endedReason"] = endedReason;
        return message;
    }

    /// <summary>role user or assistant; transcriptType partial or final.</summary>
    public static JsonObject Transcript(string role, bool final, string text) => new()
    {
        ["type"] = "transcript",
        ["role"] = role,
        ["transcriptType"] = final ? "final" : "partial",
        ["transcript"] = text,
    };

    public static JsonObject SpeechUpdate(bool started, string role, int turn) => new()
    {
        ["type"] = "speech-update",
        ["status"] = started ? "started" : "stopped",
        ["role"] = role,
        ["turn"] = turn,
    };

    public static JsonObject ConversationUpdate(JsonArray messages, JsonArray messagesOpenAiFormatted) => new()
    {
        ["type"] = "conversation-update",
        ["messages"] = messages,
        ["messagesOpenAIFormatted"] = messagesOpenAiFormatted,
    };

    public static JsonObject ModelOutput(string output) => new() { ["type"] = "model-output", ["output"] = output };

    public static JsonObject UserInterrupted() => new() { ["type"] = "user-interrupted" };

    public static JsonObject Hang() => new() { ["type"] = "hang" };

    public static JsonObject EndOfCallReport(string endedReason, CallLog log, JsonObject variableValues, DateTimeOffset startedAt, DateTimeOffset endedAt) => new()
    {
        ["type"] = "end-of-call-report",
        ["endedReason"] = endedReason,
        ["artifact"] = new JsonObject
        {
            ["messages"] = log.ArtifactMessages(),
            ["messagesOpenAIFormatted"] = log.OpenAiMessages(),
            ["transcript"] = log.Transcript(),
            ["variableValues"] = variableValues.DeepClone(),
            ["performanceMetrics"] = log.PerformanceMetrics(),
        },
        ["startedAt"] = JsonTime.Iso(startedAt),
        ["endedAt"] = JsonTime.Iso(endedAt),
        ["durationSeconds"] = (endedAt - startedAt).TotalSeconds,
        ["cost"] = 0,
        ["costs"] = new JsonArray(),
    };
}
