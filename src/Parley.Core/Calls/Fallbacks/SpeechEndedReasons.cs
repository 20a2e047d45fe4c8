namespace Parley.Core.Calls.Fallbacks;

/// <summary>
/// Vapi's <c>endedReason</c> for a call that ended because its voice or transcriber (and every fallback) failed.
/// Only values that exist in Vapi's enum are returned, so webhook servers that switch on them keep working.
/// </summary>
public static class SpeechEndedReasons
{
    /// <summary>What Vapi says when its own hosted engine fails; Parley's local engines (espeak...) are the same kind.</summary>
    public const string GenericVoiceFailed = "pipeline-error-vapi-voice-failed";

    /// <summary>The transcriber counterpart of <see cref="GenericVoiceFailed"/> (pocketsphinx...).</summary>
    public const string GenericTranscriberFailed = "pipeline-error-vapi-transcriber-failed";

    // Vapi's provider names do not always match the spelling inside the endedReason (11labs → eleven-labs,
    // custom-voice → custom), so each is mapped explicitly instead of being pasted into a pattern.
    private static readonly Dictionary<string, string> Voices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = "openai", ["cartesia"] = "cartesia", ["deepgram"] = "deepgram", ["11labs"] = "eleven-labs",
        ["playht"] = "playht", ["lmnt"] = "lmnt", ["azure"] = "azure", ["rime-ai"] = "rime-ai",
        ["smallest-ai"] = "smallest-ai", ["vapi"] = "vapi", ["neuphonic"] = "neuphonic", ["hume"] = "hume",
        ["sesame"] = "sesame", ["inworld"] = "inworld", ["minimax"] = "minimax", ["wellsaid"] = "wellsaid",
        ["xai"] = "xai", ["microsoft"] = "microsoft", ["custom-voice"] = "custom",
    };

    private static readonly Dictionary<string, string> Transcribers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deepgram"] = "deepgram", ["gladia"] = "gladia", ["speechmatics"] = "speechmatics",
        ["assembly-ai"] = "assembly-ai", ["talkscriber"] = "talkscriber", ["azure"] = "azure-speech",
        ["11labs"] = "eleven-labs", ["google"] = "google", ["openai"] = "openai", ["soniox"] = "soniox",
        ["xai"] = "xai", ["cartesia"] = "cartesia", ["vapi"] = "vapi", ["custom-transcriber"] = "custom",
    };

    /// <summary>The endedReason for a call whose last voice, from <paramref name="provider"/> (null: unknown), failed.</summary>
    public static string VoiceFailed(string? provider) =>
        provider is not null && Voices.TryGetValue(provider, out var name) ? $"pipeline-error-{name}-voice-failed" : GenericVoiceFailed;

    /// <summary>The endedReason for a call whose last transcriber, from <paramref name="provider"/> (null: unknown), failed.</summary>
    public static string TranscriberFailed(string? provider) =>
        provider is not null && Transcribers.TryGetValue(provider, out var name) ? $"pipeline-error-{name}-transcriber-failed" : GenericTranscriberFailed;
}
