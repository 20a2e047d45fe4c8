namespace Parley.Core.Calls.Turns;

/// <summary>The verdict, the rule behind it, and the backoff to apply when it interrupts.</summary>
public readonly record struct InterruptionDecision(InterruptionVerdict Verdict, InterruptionReason Reason, TimeSpan Backoff)
{
    public bool ShouldInterrupt => Verdict == InterruptionVerdict.Interrupt;
}
