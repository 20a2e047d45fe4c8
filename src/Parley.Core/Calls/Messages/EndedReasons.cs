namespace Parley.Core.Calls.Messages;

/// <summary>Vapi endedReason values Parley uses for its own faults (speech provider reasons are in SpeechEndedReasons).</summary>
public static class EndedReasons
{
    /// <summary>Parley itself failed while running the call (Vapi's value for a platform fault).</summary>
    public const string PlatformFault = "call.in-progress.error-providerfault-vapi-500-server-error";

    /// <summary>The call was created while every concurrent-call slot was taken (Vapi's value for a blocked call).</summary>
    public const string ConcurrencyLimitReached = "call.start.error-subscription-concurrency-limit-reached";
}
