namespace Parley.Core.Tools.Rules;

/// <summary>
/// The outcome of a tool's rejectionPlan: whether the call is rejected, which conditions matched (for the result
/// given to the model), and warnings about conditions that could not be evaluated (for the caller's log).
/// </summary>
public sealed record RejectionDecision(bool Rejected, string? Reason, IReadOnlyList<string> Warnings)
{
    public static RejectionDecision Run(IReadOnlyList<string> warnings) => new(false, null, warnings);
}
