namespace Parley.Core.Calls.Session;

/// <summary>How long to wait after the caller stops before the assistant answers (the endpointing policy plugs in here).</summary>
public interface ITurnEndPolicy
{
    /// <summary>The wait, given the caller's words so far and what the assistant last said (null before it spoke).</summary>
    TimeSpan WaitAfterCallerStopped(string transcript, string? lastAssistantMessage);

    /// <summary>
    /// The wait a customEndpointingRule sets for these words, if one matches: those rules come before everything else,
    /// a custom endpointing model's answer included. Null when none matches (or the policy has none).
    /// </summary>
    TimeSpan? CustomRuleWait(string transcript, string? lastAssistantMessage) => null;
}
