using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 11: <c>50%</c> becomes "50 percent".</summary>
public sealed partial class FormatPercentagesStep() : RegexFormatStep("formatPercentages", "percentage", Pattern())
{
    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s?%")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return match.Groups[1].Value + " percent";
    }
}
