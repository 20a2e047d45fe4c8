using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 9: ISO-like dates (<c>2023 05 10</c>, <c>2023-05-10</c>, <c>2023/05/10</c>) become "Wednesday, May 10, 2023".</summary>
public sealed partial class FormatDatesStep() : RegexFormatStep("formatDates", "date", Pattern())
{
    [GeneratedRegex(@"(?<!\d)(\d{4})([-/ ])(\d{1,2})\2(\d{1,2})(?!\d)")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        int year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        int month = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        int day = int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return match.Value;
        return new DateTime(year, month, day).ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture);
    }
}
