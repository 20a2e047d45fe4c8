using Parley.Core.Calls.Turns;

namespace Parley.Core.Calls.Session;

/// <summary>
/// The startSpeakingPlan in force: custom endpointing rules, smart endpointing (waitFunction over the end-of-turn
/// estimate) and transcription endpointing decide when the turn is over, then waitSeconds passes before answering.
/// </summary>
public sealed class EndpointingTurnEndPolicy(EndpointingPolicy policy) : ITurnEndPolicy
{
    public TimeSpan WaitAfterCallerStopped(string transcript, string? lastAssistantMessage)
    {
        var decision = policy.Decide(new EndpointingContext(lastAssistantMessage, transcript));
        return decision.Timeout + decision.WaitBeforeSpeaking;
    }

    public TimeSpan? CustomRuleWait(string transcript, string? lastAssistantMessage)
    {
        var decision = policy.DecideByCustomRules(new EndpointingContext(lastAssistantMessage, transcript));
        return decision is { } custom ? custom.Timeout + custom.WaitBeforeSpeaking : null;
    }
}
