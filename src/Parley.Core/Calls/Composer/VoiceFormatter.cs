namespace Parley.Core.Calls.Composer;

/// <summary>
/// Runs the voice formatting plan's steps in the seed's order (1-14). Built once per call (compiling its replacement
/// regexes); formatting a chunk is a pass over the enabled steps, with no state kept between chunks.
/// </summary>
public sealed class VoiceFormatter
{
    // Keys on by default: every formatter in the seed's table except removePhrasesInAsterisks ("asterisk").
    private static readonly HashSet<string> DefaultKeys = new(StringComparer.Ordinal)
    {
        "markdown", "newline", "colon", "acronym", "dollarAmount", "email", "date", "time", "distance", "unit",
        "percentage", "phoneNumber", "number", "stripAsterisk",
    };

    private readonly IFormatStep[] _steps;

    public VoiceFormatter(FormatPlan plan)
    {
        var enabled = plan.FormattersEnabled is { } keys ? new HashSet<string>(keys, StringComparer.Ordinal) : DefaultKeys;
        _steps = AllSteps(plan).Where(s => s.FormatterKey is null || enabled.Contains(s.FormatterKey)).ToArray();
    }

    public IReadOnlyList<IFormatStep> Steps => _steps;

    /// <summary>Formatting is off when chunking is off (no chunk to format) or formatPlan.enabled is false.</summary>
    public static VoiceFormatter? For(ChunkPlan chunkPlan) =>
        chunkPlan.Enabled && chunkPlan.FormatPlan.Enabled ? new VoiceFormatter(chunkPlan.FormatPlan) : null;

    /// <summary>
    /// Runs every step; one that fails on some text (a bug, a pathological input) leaves that text as it was, since a
    /// chunk said unformatted beats a reply that goes silent.
    /// </summary>
    public string Format(string text)
    {
        foreach (var step in _steps)
        {
            try
            {
                text = step.Apply(text);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
            }
        }
        return text;
    }

    /// <summary>Every step in the seed's order, before filtering by formattersEnabled.</summary>
    public static IEnumerable<IFormatStep> AllSteps(FormatPlan plan) =>
    [
        new RemoveAngleBracketContentStep(),
        new RemoveMarkdownSymbolsStep(),
        new RemovePhrasesInAsterisksStep(),
        new ReplaceNewLinesWithPeriodsStep(),
        new ReplaceColonsWithPeriodsStep(),
        new FormatAcronymsStep(),
        new FormatDollarAmountsStep(),
        new FormatEmailsStep(),
        new FormatDatesStep(),
        new FormatTimesStep(),
        new FormatDistancesStep(),
        new FormatUnitsStep(),
        new FormatPercentagesStep(),
        new FormatPhoneNumbersStep(),
        new FormatNumbersStep(plan.NumberToDigitsCutoff),
        new RemoveAsterisksStep(),
        new ApplyReplacementsStep(plan.Replacements),
    ];
}
