namespace Parley.Core.Calls.Messages;

/// <summary>Vapi endedReason values Parley uses for its own faults (speech provider reasons are in SpeechEndedReasons).</summary>
public static class EndedReasons
{
    /// <summary>
    /// Parley itself failed while running the call: Vapi's value for its own worker failing (a "vapifault"; the
    /// providerfault-vapi values name Vapi's hosted model as a provider).
    /// </summary>
    public const string PlatformFault = "call.in-progress.error-vapifault-worker-died";

    /// <summary>The server stopped while the call ran.</summary>
    public const string WorkerShutdown = "worker-shutdown";

    /// <summary>A say control message with endCallAfterSpoken, once its words were said.</summary>
    public const string EndedAfterMessageSpoken = "assistant-ended-call-after-message-spoken";

    /// <summary>The call was created while every concurrent-call slot was taken (Vapi's value for a blocked call).</summary>
    public const string ConcurrencyLimitReached = "call.start.error-subscription-concurrency-limit-reached";
}
