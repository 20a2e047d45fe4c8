using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 5: a colon becomes a period, except between digits where formatTimes still needs it.</summary>
public sealed partial class ReplaceColonsWithPeriodsStep() : RegexFormatStep("replaceColonsWithPeriods", "colon", Pattern())
{
    [GeneratedRegex(@"(?<!\d):|:(?!\d)")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return ".";
    }
}
