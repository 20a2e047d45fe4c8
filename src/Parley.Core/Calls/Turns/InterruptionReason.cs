namespace Parley.Core.Calls.Turns;

/// <summary>Which stopSpeakingPlan rule produced an interruption verdict.</summary>
public enum InterruptionReason
{
    None,
    InterruptionPhrase,
    AcknowledgementPhrase,
    WordCount,
    VoiceDuration,
}
