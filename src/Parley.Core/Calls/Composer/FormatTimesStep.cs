using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 10: clock times are simplified for speech: <c>14:00</c> → "14", <c>9:30</c> → "9 30", <c>9:05</c> → "9 oh 5".</summary>
public sealed partial class FormatTimesStep() : RegexFormatStep("formatTimes", "time", Pattern())
{
    [GeneratedRegex(@"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        string hour = match.Groups[1].Value;
        int minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (minutes == 0) return hour;
        return minutes < 10 ? $"{hour} oh {minutes}" : $"{hour} {minutes}";
    }
}
