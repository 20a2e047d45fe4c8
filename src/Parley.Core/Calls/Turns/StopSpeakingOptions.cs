namespace Parley.Core.Calls.Turns;

/// <summary>The stopSpeakingPlan with Vapi's defaults (vapi-api.md §3.2).</summary>
public sealed record StopSpeakingOptions
{
    public static readonly IReadOnlyList<string> DefaultAcknowledgementPhrases =
    [
        "i understand", "i see", "i got it", "i hear you", "im listening", "im with you", "right", "okay", "ok", "sure",
        "alright", "got it", "understood", "yeah", "yes", "uh-huh", "mm-hmm", "gotcha", "mhmm", "ah", "yeah okay", "yeah sure",
    ];

    public static readonly IReadOnlyList<string> DefaultInterruptionPhrases =
    [
        "stop", "shut", "up", "enough", "quiet", "silence", "but", "dont", "not", "no", "hold", "wait", "cut", "pause",
        "nope", "nah", "nevermind", "never", "bad", "actually",
    ];

    /// <summary>Words the caller must say before the assistant stops; 0 means voice duration (VAD) decides.</summary>
    public int NumWords { get; init; }

    public double VoiceSeconds { get; init; } = 0.2;

    public double BackoffSeconds { get; init; } = 1.0;

    public IReadOnlyList<string> AcknowledgementPhrases { get; init; } = DefaultAcknowledgementPhrases;

    public IReadOnlyList<string> InterruptionPhrases { get; init; } = DefaultInterruptionPhrases;
}
