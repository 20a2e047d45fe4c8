namespace Parley.Core.Calls.Turns;

/// <summary>The stopSpeakingPlan's phrase lists as Vapi defaults them (vapi-api.md §3.2), for a plan that sets none.</summary>
public static class StopSpeakingDefaults
{
    public static readonly IReadOnlyList<string> AcknowledgementPhrases =
    [
        "i understand", "i see", "i got it", "i hear you", "im listening", "im with you", "right", "okay", "ok", "sure",
        "alright", "got it", "understood", "yeah", "yes", "uh-huh", "mm-hmm", "gotcha", "mhmm", "ah", "yeah okay", "yeah sure",
    ];

    public static readonly IReadOnlyList<string> InterruptionPhrases =
    [
        "stop", "shut", "up", "enough", "quiet", "silence", "but", "dont", "not", "no", "hold", "wait", "cut", "pause",
        "nope", "nah", "nevermind", "never", "bad", "actually",
    ];
}
