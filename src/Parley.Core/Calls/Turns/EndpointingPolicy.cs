namespace Parley.Core.Calls.Turns;

/// <summary>
/// Decides how long to wait after the caller stops before their turn ends, trying rules in Vapi's priority
/// order: custom endpointing rules (in the order given), then smart endpointing, then transcription endpointing.
/// </summary>
public sealed class EndpointingPolicy
{
    private readonly IEndpointingRule[] _rules;
    private readonly TimeSpan _waitSeconds;

    public EndpointingPolicy(IEnumerable<IEndpointingRule> rules, TimeSpan waitBeforeSpeaking)
    {
        _rules = rules.ToArray();
        if (_rules.Length == 0) throw new ArgumentException("at least one endpointing rule is needed", nameof(rules));
        _waitSeconds = waitBeforeSpeaking;
    }

    public IReadOnlyList<IEndpointingRule> Rules => _rules;

    /// <summary>Builds the rule list from a startSpeakingPlan. Throws on an invalid waitFunction or regex (validate earlier).</summary>
    public static EndpointingPolicy FromPlan(StartSpeakingOptions plan, IEndOfTurnEstimator? estimator = null)
    {
        var rules = new List<IEndpointingRule>();
        foreach (var custom in plan.CustomEndpointingRules) rules.Add(new CustomEndpointingRule(custom));
        // custom-endpointing-model asks the user's server; that round trip belongs to the engine, not this policy.
        if (plan.SmartEndpointing is { Provider: "livekit" or "vapi" } smart)
        {
            var function = smart.WaitFunction is { Length: > 0 } expression ? WaitFunction.Parse(expression) : WaitFunction.Default;
            rules.Add(new SmartEndpointingRule(function, estimator ?? new TranscriptEndOfTurnEstimator()));
        }
        rules.Add(new TranscriptionEndpointingRule(plan.TranscriptionEndpointing));
        return new EndpointingPolicy(rules, TimeSpan.FromSeconds(plan.WaitSeconds));
    }

    /// <summary>The custom endpointing rules' decision alone (they come first); null when none of them matches.</summary>
    public EndpointingDecision? DecideByCustomRules(in EndpointingContext context)
    {
        foreach (var rule in _rules)
        {
            if (rule is not CustomEndpointingRule) continue;
            if (rule.Evaluate(context) is { } timeout) return new EndpointingDecision(timeout, rule.Name, _waitSeconds);
        }
        return null;
    }

    public EndpointingDecision Decide(in EndpointingContext context)
    {
        foreach (var rule in _rules)
        {
            if (rule.Evaluate(context) is { } timeout) return new EndpointingDecision(timeout, rule.Name, _waitSeconds);
        }
        // The last rule is normally transcription endpointing, which always answers.
        return new EndpointingDecision(TimeSpan.Zero, "none", _waitSeconds);
    }
}
