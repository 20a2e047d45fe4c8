namespace Parley.Core.Calls.Turns;

/// <summary>Smart endpointing: waitFunction(P(still speaking)) milliseconds, P from an <see cref="IEndOfTurnEstimator"/>.</summary>
public sealed class SmartEndpointingRule(WaitFunction waitFunction, IEndOfTurnEstimator estimator) : IEndpointingRule
{
    // Vapi caps endpointing timeouts at 15 s (customEndpointingRules.timeoutSeconds max); an expression that
    // explodes should not park a call forever.
    private const double MaxMilliseconds = 15_000;

    public string Name => "smart";

    public TimeSpan? Evaluate(in EndpointingContext context)
    {
        double x = Math.Clamp(estimator.ProbabilityStillSpeaking(context.CustomerTranscript, context.Pause), 0, 1);
        double ms = waitFunction.Evaluate(x);
        if (double.IsNaN(ms)) return null;
        return TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, MaxMilliseconds));
    }
}
