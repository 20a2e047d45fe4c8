using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 4: a new line becomes " . " so the voice pauses.</summary>
public sealed partial class ReplaceNewLinesWithPeriodsStep() : RegexFormatStep("replaceNewLinesWithPeriods", "newline", Pattern())
{
    [GeneratedRegex(@"\r?\n")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return " . ";
    }
}
