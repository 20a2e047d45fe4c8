namespace Parley.Core.ServerMessages;

/// <summary>Vapi's server message types and which ones an assistant gets by default.</summary>
public static class ServerMessageTypes
{
    public const string ToolCalls = "tool-calls";
    public const string StatusUpdate = "status-update";
    public const string EndOfCallReport = "end-of-call-report";
    public const string ConversationUpdate = "conversation-update";
    public const string Transcript = "transcript";
    public const string SpeechUpdate = "speech-update";
    public const string ModelOutput = "model-output";
    public const string UserInterrupted = "user-interrupted";
    public const string Hang = "hang";
    public const string TransferDestinationRequest = "transfer-destination-request";
    public const string TransferUpdate = "transfer-update";
    public const string ChatCreated = "chat.created";
    public const string ChatDeleted = "chat.deleted";
    public const string AssistantRequest = "assistant-request";

    /// <summary>Vapi's documented default for <c>assistant.serverMessages</c>.</summary>
    public static readonly IReadOnlySet<string> DefaultServerMessages = new HashSet<string>(StringComparer.Ordinal)
    {
        "conversation-update", "end-of-call-report", "function-call", "hang", "speech-update", "status-update",
        "tool-calls", "transfer-destination-request", "handoff-destination-request", "user-interrupted", "assistant.started",
    };

    /// <summary>Request/response messages that are sent whenever needed, whatever the subscription says.</summary>
    public static readonly IReadOnlySet<string> AlwaysSent = new HashSet<string>(StringComparer.Ordinal)
    {
        "assistant-request", "knowledge-base-request", "voice-request", "call.endpointing.request",
    };
}
