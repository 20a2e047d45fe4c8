namespace Parley.Core.Calls.Session;

/// <summary>
/// The default: startSpeakingPlan.waitSeconds, plus transcriptionEndpointingPlan's wait for the transcript's ending
/// when the assistant configures that plan (without it, Vapi's defaults are left to the real policy).
/// </summary>
public sealed class FixedTurnEndPolicy(TimeSpan wait, TranscriptionEndpointing? endpointing = null) : ITurnEndPolicy
{
    public TimeSpan WaitAfterCallerStopped(string transcript, string? lastAssistantMessage = null)
    {
        if (endpointing is null) return wait;
        var text = transcript.TrimEnd();
        var extra = text.Length == 0 ? endpointing.OnNoPunctuation
            : char.IsDigit(text[^1]) ? endpointing.OnNumber
            : char.IsPunctuation(text[^1]) ? endpointing.OnPunctuation
            : endpointing.OnNoPunctuation;
        return wait + extra;
    }
}
