using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Liquid;

/// <summary>
/// The forgiving date-string parser V8 falls back to for non-ISO text ("Jul 4, 2024 3:30 PM", "07/04/2024",
/// RFC 2822). Strings without a zone are read as UTC wall time, as with TZ=UTC.
/// </summary>
internal static partial class LegacyDateParser
{
    static readonly string[] MonthPrefixes = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    static readonly string[] DayPrefixes = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    [GeneratedRegex(@"(?<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)|(?<off>[+-]\d{2}:?\d{2})|(?<num>\d+)|(?<word>[A-Za-z]+)|(?<sep>[\s,./-]+)|(?<bad>.)")]
    private static partial Regex TokenRegex();

    public static DateTimeOffset? Parse(string s)
    {
        int? month = null, hour = null, minute = null, second = null, ms = null;
        bool? pm = null;
        TimeSpan? offset = null;
        var numbers = new List<(int Value, int Digits)>();
        bool afterTimeOrZone = false;
        foreach (Match m in TokenRegex().Matches(s))
        {
            if (m.Groups["bad"].Success) return null;
            if (m.Groups["sep"].Success) continue;
            if (m.Groups["time"].Success)
            {
                var parts = m.Value.Split(':');
                hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
                minute = int.Parse(parts[1], CultureInfo.InvariantCulture);
                if (parts.Length > 2)
                {
                    var sec = parts[2].Split('.');
                    second = int.Parse(sec[0], CultureInfo.InvariantCulture);
                    if (sec.Length > 1) ms = int.Parse((sec[1] + "00").Substring(0, 3), CultureInfo.InvariantCulture);
                }
                afterTimeOrZone = true;
                continue;
            }
            if (m.Groups["off"].Success)
            {
                if (!afterTimeOrZone)
                {
                    // a dash-separated date such as 07-04-2024 is numbers, not an offset
                    var digits = m.Value.Substring(1).Replace(":", "");
                    if (m.Value.Contains(':')) return null;
                    numbers.Add((int.Parse(digits, CultureInfo.InvariantCulture), digits.Length));
                    continue;
                }
                var z = m.Value.Replace(":", "");
                var o = new TimeSpan(int.Parse(z.Substring(1, 2), CultureInfo.InvariantCulture), int.Parse(z.Substring(3, 2), CultureInfo.InvariantCulture), 0);
                offset = z[0] == '-' ? -o : o;
                continue;
            }
            if (m.Groups["num"].Success)
            {
                numbers.Add((int.Parse(m.Value.Length > 9 ? m.Value.Substring(0, 9) : m.Value, CultureInfo.InvariantCulture), m.Value.Length));
                continue;
            }
            var w = m.Value.ToLowerInvariant();
            if (w is "am" or "pm") { pm = w == "pm"; continue; }
            if (w is "utc" or "gmt" or "z" or "ut") { offset ??= TimeSpan.Zero; afterTimeOrZone = true; continue; }
            if (w.Length >= 3 && Array.IndexOf(MonthPrefixes, w.Substring(0, 3)) is var mi and >= 0 && month is null) { month = mi + 1; continue; }
            if (w.Length >= 3 && Array.IndexOf(DayPrefixes, w.Substring(0, 3)) >= 0) continue;
            if (w == "t" || w == "at") continue;
            return null;
        }
        int year, day;
        if (month is not null)
        {
            if (numbers.Count < 2) return null;
            if (numbers[0].Digits >= 3 || numbers[0].Value > 31) { year = numbers[0].Value; day = numbers[1].Value; }
            else { day = numbers[0].Value; year = numbers[1].Value; }
        }
        else
        {
            if (numbers.Count < 3) return null;
            if (numbers[0].Digits >= 3 || numbers[0].Value > 31) { year = numbers[0].Value; month = numbers[1].Value; day = numbers[2].Value; }
            else { month = numbers[0].Value; day = numbers[1].Value; year = numbers[2].Value; }
        }
        if (year < 100 && numbers.Count > 0) year += year < 50 ? 2000 : 1900;
        int h = hour ?? 0;
        if (pm is true && h < 12) h += 12;
        if (pm is false && h == 12) h = 0;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month.Value) || h > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return null;
        var wall = new DateTime(year, month.Value, day, h, minute ?? 0, second ?? 0, ms ?? 0);
        return new DateTimeOffset(wall - (offset ?? TimeSpan.Zero), TimeSpan.Zero);
    }
}
