using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Session;

/// <summary>The conversation settings of an assistant that the call engine follows, with Vapi's defaults.</summary>
public sealed record CallPlan
{
    public string? FirstMessage { get; init; }
    public string FirstMessageMode { get; init; } = "assistant-speaks-first";
    public bool FirstMessageInterruptionsEnabled { get; init; }
    public TimeSpan StartSpeakingWait { get; init; } = TimeSpan.FromSeconds(0.4);
    public TranscriptionEndpointing? TranscriptionEndpointing { get; init; }
    public int StopSpeakingNumWords { get; init; }
    public TimeSpan StopSpeakingVoice { get; init; } = TimeSpan.FromSeconds(0.2);
    public TimeSpan StopSpeakingBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public IReadOnlyList<string> AcknowledgementPhrases { get; init; } = Turns.StopSpeakingDefaults.AcknowledgementPhrases;
    public IReadOnlyList<string> InterruptionPhrases { get; init; } = Turns.StopSpeakingDefaults.InterruptionPhrases;

    /// <summary>Beyond Vapi: caller speech that stops with no words within this window was not an interruption.</summary>
    public TimeSpan FalseInterruptionWindow { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Beyond Vapi's documentation (which gives no figure): a <c>hang</c> message goes out when a model reply has made
    /// no sound this long after it was started.
    /// </summary>
    public TimeSpan HangWarning { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> IdleMessages { get; init; } = [];
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public int IdleMessageMaxSpokenCount { get; init; } = 3;
    public bool IdleMessageResetCountOnUserSpeech { get; init; }
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public string? SilenceTimeoutMessage { get; init; }
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(600);
    public IReadOnlyList<string> EndCallPhrases { get; init; } = [];
    public string? EndCallMessage { get; init; }
    public IReadOnlyList<JsonObject> Hooks { get; init; } = [];

    public static CallPlan From(JsonObject assistant)
    {
        var start = assistant["startSpeakingPlan"] as JsonObject;
        var endpointing = start?["transcriptionEndpointingPlan"] as JsonObject;
        var stop = assistant["stopSpeakingPlan"] as JsonObject;
        var messagePlan = assistant["messagePlan"] as JsonObject;
        var defaults = new CallPlan();
        return new CallPlan
        {
            FirstMessage = Str(assistant, "firstMessage"),
            FirstMessageMode = Str(assistant, "firstMessageMode") ?? defaults.FirstMessageMode,
            FirstMessageInterruptionsEnabled = Bool(assistant, "firstMessageInterruptionsEnabled") ?? false,
            StartSpeakingWait = Seconds(start, "waitSeconds") ?? defaults.StartSpeakingWait,
            TranscriptionEndpointing = endpointing is null ? null : new TranscriptionEndpointing(
                Seconds(endpointing, "onPunctuationSeconds") ?? TimeSpan.FromSeconds(0.1),
                Seconds(endpointing, "onNoPunctuationSeconds") ?? TimeSpan.FromSeconds(1.5),
                Seconds(endpointing, "onNumberSeconds") ?? TimeSpan.FromSeconds(0.5)),
            StopSpeakingNumWords = (int)(Number(stop, "numWords") ?? 0),
            StopSpeakingVoice = Seconds(stop, "voiceSeconds") ?? defaults.StopSpeakingVoice,
            StopSpeakingBackoff = Seconds(stop, "backoffSeconds") ?? defaults.StopSpeakingBackoff,
            // Vapi's lists unless the plan sets its own ([] turns them off).
            AcknowledgementPhrases = stop?["acknowledgementPhrases"] is JsonArray acknowledgements ? Strings(acknowledgements) : defaults.AcknowledgementPhrases,
            InterruptionPhrases = stop?["interruptionPhrases"] is JsonArray interruptions ? Strings(interruptions) : defaults.InterruptionPhrases,
            IdleMessages = Strings(messagePlan?["idleMessages"]),
            IdleTimeout = Seconds(messagePlan, "idleTimeoutSeconds") ?? defaults.IdleTimeout,
            IdleMessageMaxSpokenCount = (int)(Number(messagePlan, "idleMessageMaxSpokenCount") ?? 3),
            IdleMessageResetCountOnUserSpeech = Bool(messagePlan, "idleMessageResetCountOnUserSpeechEnabled") ?? false,
            SilenceTimeout = Seconds(assistant, "silenceTimeoutSeconds") ?? defaults.SilenceTimeout,
            SilenceTimeoutMessage = Str(messagePlan, "silenceTimeoutMessage") ?? Str(assistant, "silenceTimeoutMessage"),
            MaxDuration = Seconds(assistant, "maxDurationSeconds") ?? defaults.MaxDuration,
            EndCallPhrases = Strings(assistant["endCallPhrases"]),
            EndCallMessage = Str(assistant, "endCallMessage"),
            Hooks = (assistant["hooks"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [],
        };
    }

    private static string? Str(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static bool? Bool(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    // Read through the JSON text: a JsonValue built from an int (not parsed) will not hand out a double.
    private static double? Number(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private static TimeSpan? Seconds(JsonObject? o, string name) => Number(o, name) is { } d ? TimeSpan.FromSeconds(d) : null;

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() ?? [];
}
