namespace Parley.Core.Calls.Composer;

/// <summary>voice.chunkPlan.formatPlan: on by default; replacements, the number cutoff and an optional formatter allow-list.</summary>
public sealed record FormatPlan
{
    public const long DefaultNumberToDigitsCutoff = 2025;

    public bool Enabled { get; init; } = true;

    public long NumberToDigitsCutoff { get; init; } = DefaultNumberToDigitsCutoff;

    public IReadOnlyList<Replacement> Replacements { get; init; } = [];

    /// <summary>When set, only these formatter keys run (angle-bracket removal and replacements always do).</summary>
    public IReadOnlyList<string>? FormattersEnabled { get; init; }
}
