namespace Parley.Core.Calls.Turns;

/// <summary>
/// One entry of startSpeakingPlan.customEndpointingRules. <see cref="Type"/> is <c>assistant</c> (matches the last
/// assistant message), <c>customer</c> (the caller's transcript so far) or <c>both</c> (both regexes must match).
/// </summary>
public sealed record CustomEndpointingRuleOptions
{
    public required string Type { get; init; }
    public string? Regex { get; init; }
    public string? AssistantRegex { get; init; }
    public string? CustomerRegex { get; init; }
    public RegexFlags RegexOptions { get; init; }
    public RegexFlags AssistantRegexOptions { get; init; }
    public RegexFlags CustomerRegexOptions { get; init; }
    public required double TimeoutSeconds { get; init; }
}
