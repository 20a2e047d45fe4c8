namespace Parley.Core.Calls.Turns;

/// <summary>The startSpeakingPlan as the call engine uses it, with Vapi's defaults.</summary>
public sealed record StartSpeakingOptions
{
    public double WaitSeconds { get; init; } = 0.4;
    public SmartEndpointingOptions? SmartEndpointing { get; init; }
    public TranscriptionEndpointingOptions TranscriptionEndpointing { get; init; } = new();
    public IReadOnlyList<CustomEndpointingRuleOptions> CustomEndpointingRules { get; init; } = [];
}
