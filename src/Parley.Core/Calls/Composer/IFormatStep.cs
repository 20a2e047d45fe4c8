namespace Parley.Core.Calls.Composer;

/// <summary>One step of the voice formatting plan: a pure text-to-text transform.</summary>
public interface IFormatStep
{
    /// <summary>Vapi's function name for the step (e.g. <c>formatDollarAmounts</c>).</summary>
    string Name { get; }

    /// <summary>The formatPlan.formattersEnabled key that switches it, or null for steps that always run.</summary>
    string? FormatterKey { get; }

    string Apply(string text);
}
