namespace Parley.Core.Calls.Turns;

/// <summary>startSpeakingPlan.transcriptionEndpointingPlan with Vapi's defaults.</summary>
public sealed record TranscriptionEndpointingOptions
{
    public double OnPunctuationSeconds { get; init; } = 0.1;
    public double OnNoPunctuationSeconds { get; init; } = 1.5;
    public double OnNumberSeconds { get; init; } = 0.5;
}
