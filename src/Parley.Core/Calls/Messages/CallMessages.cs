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

    /// <summary>
    /// The status-update Vapi sends when a call is being transferred: status <c>forwarding</c>, where to, and the
    /// conversation so far (artifact messages in both formats, and the transcript as the plan names its sides).
    /// </summary>
    public static JsonObject Forwarding(JsonObject destination, CallLog log, JsonObject assistant)
    {
        var message = new JsonObject
        {
            ["type"] = "status-update",
            ["status"] = "forwarding",
            ["destination"] = destination.DeepClone(),
            ["messages"] = log.ArtifactMessages(),
            ["messagesOpenAIFormatted"] = log.OpenAiMessages(),
        };
        if (log.TranscriptFor(assistant) is { } transcript) message["transcript"] = transcript;
        return message;
    }

    /// <summary>
    /// Vapi's <c>assistant.started</c>, sent as the call's assistant starts. Its <c>newAssistant</c> names the assistant
    /// (id, name, first message, model, voice and transcriber providers) and nothing more: the message also goes to
    /// the caller's socket, which must never see a server's secret, a key or a tool's headers. A webhook gets the whole
    /// assistant in the message's own <c>assistant</c> field, as every server message does.
    /// </summary>
    public static JsonObject AssistantStarted(JsonObject assistant)
    {
        var named = JsonPick.Strings(assistant, "id", "name", "firstMessage", "firstMessageMode");
        if (assistant["model"] is JsonObject model) named["model"] = JsonPick.Strings(model, "provider", "model");
        if (assistant["voice"] is JsonObject voice) named["voice"] = JsonPick.Strings(voice, "provider", "voiceId", "model");
        if (assistant["transcriber"] is JsonObject transcriber) named["transcriber"] = JsonPick.Strings(transcriber, "provider", "model", "language");
        return new JsonObject { ["type"] = "assistant.started", ["newAssistant"] = named };
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

    /// <param name="turnId">The reply the token belongs to; user-interrupted names the same one when it is cut off.</param>
    public static JsonObject ModelOutput(string output, long turnId) =>
        new() { ["type"] = "model-output", ["output"] = output, ["turnId"] = turnId.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <param name="turnId">The reply that was cut off (its model-output messages carry the same turnId).</param>
    public static JsonObject UserInterrupted(long turnId) =>
        new() { ["type"] = "user-interrupted", ["turnId"] = turnId.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static JsonObject Hang() => new() { ["type"] = "hang" };

    /// <summary>Text handed to the voice to be said.</summary>
    public static JsonObject VoiceInput(string input) => new() { ["type"] = "voice-input", ["input"] = input };

    /// <summary>The tool calls the model asked for, as the client sees them (toolCallList, toolWithToolCallList).</summary>
    public static JsonObject ToolCalls(JsonObject fields)
    {
        var message = new JsonObject { ["type"] = "tool-calls" };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            message[name] = value;
        }
        return message;
    }

    /// <param name="assistant">The call's assistant: its artifactPlan.transcriptPlan names the sides of the transcript, or leaves it out.</param>
    /// <param name="transportProvider">The call's transport.provider, which its transport cost names.</param>
    public static JsonObject EndOfCallReport(string endedReason, CallLog log, JsonObject variableValues, DateTimeOffset startedAt, DateTimeOffset endedAt,
        JsonObject? assistant = null, string transportProvider = "vapi.websocket") => new()
    {
        ["type"] = "end-of-call-report",
        ["endedReason"] = endedReason,
        ["artifact"] = Artifact(log, variableValues, assistant),
        ["startedAt"] = JsonTime.Iso(startedAt),
        ["endedAt"] = JsonTime.Iso(endedAt),
        ["durationSeconds"] = (endedAt - startedAt).TotalSeconds,
        ["cost"] = 0,
        ["costs"] = log.Usage.Costs(assistant ?? [], transportProvider, endedAt - startedAt),
        ["costBreakdown"] = log.Usage.Breakdown(),
    };

    private static JsonObject Artifact(CallLog log, JsonObject variableValues, JsonObject? assistant)
    {
        var artifact = new JsonObject
        {
            ["messages"] = log.ArtifactMessages(),
            ["messagesOpenAIFormatted"] = log.OpenAiMessages(),
        };
        if (log.TranscriptFor(assistant) is { } transcript) artifact["transcript"] = transcript;
        artifact["variableValues"] = variableValues.DeepClone();
        artifact["performanceMetrics"] = log.PerformanceMetrics();
        return artifact;
    }
}
