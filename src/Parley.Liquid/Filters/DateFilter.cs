using System.Globalization;
using System.Text;
using Parley.Liquid.Runtime;

namespace Parley.Liquid.Filters;

/// <summary>
/// LiquidJS's <c>date</c> filter: strftime with flags (<c>-_0^#</c>) and widths, an optional IANA time-zone
/// argument, "now"/"today" from the engine's clock, Unix seconds, and JavaScript-style date strings read in the
/// engine's zone. Input that is not a date is returned unchanged.
/// </summary>
internal static class DateFilter
{
    public const string DefaultFormat = "%A, %B %-e, %Y at %-l:%M %P %z";

    public static object? Format(RenderContext context, object? input, object? format, object? zoneArgument)
    {
        if (input is null) return null;
        var zone = context.Options.TimeZone;
        string? zoneLabel = null;
        switch (zoneArgument)
        {
            case string zoneName when zoneName.Length > 0:
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var found))
                    throw new LiquidRenderException($"Invalid time zone specified: {zoneName}");
                zone = found;
                zoneLabel = zoneName;
                break;
            case double minutes:
                // A number is a fixed offset in minutes behind UTC (JavaScript's getTimezoneOffset convention).
                zone = TimeZoneInfo.CreateCustomTimeZone("offset", TimeSpan.FromMinutes(-minutes), "offset", "offset");
                zoneLabel = "";
                break;
        }
        if (!TryInstant(context, input, out var instant)) return input;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var pattern = format is null ? DefaultFormat : LiquidValues.ToOutput(format);
        return Strftime(local, pattern, zone, zoneLabel);
    }

    private static bool TryInstant(RenderContext context, object? input, out DateTimeOffset instant)
    {
        instant = default;
        switch (input)
        {
            case double seconds:
                instant = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
                return true;
            case bool flag:
                // JavaScript's new Date(true) is 1 ms after the epoch.
                instant = DateTimeOffset.FromUnixTimeMilliseconds(flag ? 1 : 0);
                return true;
            case string text:
                var trimmed = text.Trim();
                if (text is "now" or "today")
                {
                    instant = context.Options.Clock.GetUtcNow();
                    return true;
                }
                if (trimmed.Length > 0 && trimmed.All(char.IsDigit))
                {
                    instant = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(trimmed, CultureInfo.InvariantCulture) * 1000);
                    return true;
                }
                return TryParse(trimmed, context.Options.TimeZone, out instant);
            default:
                return false;
        }
    }

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK",
        "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd", "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy h:mm tt", "MMM d, yyyy h:mm tt",
        "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "d MMM yyyy", "dd MMM yyyy", "ddd MMM dd yyyy HH:mm:ss", "MMMM d, yyyy h:mm tt",
        "d MMMM yyyy HH:mm", "d MMMM yyyy", "d MMM yyyy HH:mm", "MMMM d yyyy", "MMM d, yyyy HH:mm", "MMMM d, yyyy HH:mm:ss",
        "ddd, dd MMM yyyy HH:mm:ss", "yyyy-MM",
    ];

    /// <summary>Date-only ISO strings are UTC midnight in JavaScript; other strings without an offset are local.</summary>
    private static bool TryParse(string text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        var culture = CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", culture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dateOnly))
        {
            instant = new DateTimeOffset(DateTime.SpecifyKind(dateOnly, DateTimeKind.Utc));
            return true;
        }
        var normalized = text.Replace(" GMT", " +00:00").Replace(" UTC", " +00:00");
        if (normalized.EndsWith('Z') && DateTimeOffset.TryParseExact(normalized, OffsetFormats, culture, DateTimeStyles.AssumeUniversal, out instant)) return true;
        if (DateTimeOffset.TryParseExact(normalized, OffsetFormats, culture, DateTimeStyles.None, out instant) && HasOffset(normalized)) return true;
        if (DateTime.TryParseExact(text, LocalFormats, culture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }
        instant = default;
        return false;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:?\d\d$");

    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Strftime(DateTimeOffset d, string format, TimeZoneInfo zone, string? zoneLabel = null)
    {
        var output = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i == format.Length - 1)
            {
                output.Append(format[i]);
                continue;
            }
            var start = i;
            i++;
            var flags = "";
            while (i < format.Length && "-_0^#".Contains(format[i])) flags += format[i++];
            var width = 0;
            while (i < format.Length && char.IsDigit(format[i])) width = width * 10 + (format[i++] - '0');
            var colon = false;
            while (i < format.Length && format[i] == ':') { colon = true; i++; }
            if (i >= format.Length) { output.Append(format[start..]); break; }
            var directive = format[i];
            var value = directive == 'Z' && zoneLabel is not null
                ? (zoneLabel.Length > 0 ? zoneLabel : Directive(d, 'z', false, zone, out _, out _))
                : Directive(d, directive, colon, zone, out _, out _);
            Directive(d, directive, colon, zone, out var padChar, out var defaultWidth);
            if (value is null)
            {
                output.Append(format, start, i - start + 1);
                continue;
            }
            output.Append(ApplyFlags(value, flags, width, padChar, defaultWidth));
        }
        return output.ToString();
    }

    private static string ApplyFlags(string value, string flags, int width, char padChar, int defaultWidth)
    {
        if (flags.Contains('^')) value = value.ToUpperInvariant();
        else if (flags.Contains('#')) value = value.Any(char.IsLower) ? value.ToUpperInvariant() : value.ToLowerInvariant();
        var numeric = padChar != '\0';
        if (flags.Contains('-')) return numeric ? value.TrimStart('0', ' ') is { Length: > 0 } t ? t : "0" : value;
        var pad = flags.Contains('_') ? ' ' : flags.Contains('0') ? '0' : padChar == '\0' ? ' ' : padChar;
        var target = width > 0 ? width : defaultWidth;
        if (numeric && width == 0 && pad != padChar) value = value.TrimStart('0', ' ') is { Length: > 0 } t2 ? t2 : "0";
        return value.Length >= target ? value : new string(pad, target - value.Length) + value;
    }

    private static string? Directive(DateTimeOffset d, char c, bool colon, TimeZoneInfo zone, out char pad, out int width)
    {
        pad = '0';
        width = 2;
        string Num(int v, int w = 2, char p = '0') => v.ToString(CultureInfo.InvariantCulture);
        switch (c)
        {
            case 'a': pad = '\0'; width = 0; return Days[(int)d.DayOfWeek][..3];
            case 'A': pad = '\0'; width = 0; return Days[(int)d.DayOfWeek];
            case 'b': case 'h': pad = '\0'; width = 0; return Months[d.Month - 1][..3];
            case 'B': pad = '\0'; width = 0; return Months[d.Month - 1];
            case 'C': return Num(d.Year / 100);
            case 'd': return Num(d.Day);
            case 'e': pad = ' '; return Num(d.Day);
            case 'H': return Num(d.Hour);
            case 'k': pad = ' '; return Num(d.Hour);
            case 'I': return Num(d.Hour % 12 == 0 ? 12 : d.Hour % 12);
            case 'l': pad = ' '; return Num(d.Hour % 12 == 0 ? 12 : d.Hour % 12);
            case 'j': width = 3; return Num(d.DayOfYear);
            case 'L': width = 3; return Num(d.Millisecond);
            case 'N': width = 9; return (d.Millisecond * 1_000_000).ToString(CultureInfo.InvariantCulture);
            case 'm': return Num(d.Month);
            case 'M': return Num(d.Minute);
            case 'p': pad = '\0'; width = 0; return d.Hour < 12 ? "AM" : "PM";
            case 'P': pad = '\0'; width = 0; return d.Hour < 12 ? "am" : "pm";
            case 'q': pad = '\0'; width = 0; return Ordinal(d.Day);
            case 's': pad = '\0'; width = 0; return d.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            case 'S': return Num(d.Second);
            case 'u': pad = '\0'; width = 0; return Num(d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek);
            case 'w': pad = '\0'; width = 0; return Num((int)d.DayOfWeek);
            case 'U': return Num((d.DayOfYear + 6 - (int)d.DayOfWeek) / 7);
            case 'W': return Num((d.DayOfYear + 6 - ((int)d.DayOfWeek + 6) % 7) / 7);
            case 'V': return Num(ISOWeek.GetWeekOfYear(d.DateTime));
            case 'G': pad = '\0'; width = 0; return Num(ISOWeek.GetYear(d.DateTime));
            case 'g': return Num(ISOWeek.GetYear(d.DateTime) % 100);
            case 'y': return Num(d.Year % 100);
            case 'Y': pad = '\0'; width = 0; return Num(d.Year);
            case 'z':
                pad = '\0'; width = 0;
                var offset = d.Offset;
                var sign = offset < TimeSpan.Zero ? "-" : "+";
                var abs = offset.Duration();
                return colon ? $"{sign}{abs.Hours:00}:{abs.Minutes:00}" : $"{sign}{abs.Hours:00}{abs.Minutes:00}";
            case 'Z': pad = '\0'; width = 0; return ZoneAbbreviation(d, zone);
            case 'D': pad = '\0'; width = 0; return $"{d.Month:00}/{d.Day:00}/{d.Year % 100:00}";
            case 'F': pad = '\0'; width = 0; return $"{d.Year:0000}-{d.Month:00}-{d.Day:00}";
            case 'T': pad = '\0'; width = 0; return $"{d.Hour:00}:{d.Minute:00}:{d.Second:00}";
            case 'R': pad = '\0'; width = 0; return $"{d.Hour:00}:{d.Minute:00}";
            case 'r': pad = '\0'; width = 0; return $"{(d.Hour % 12 == 0 ? 12 : d.Hour % 12):00}:{d.Minute:00}:{d.Second:00} {(d.Hour < 12 ? "AM" : "PM")}";
            case 'n': pad = '\0'; width = 0; return "\n";
            case 't': pad = '\0'; width = 0; return "\t";
            case '%': pad = '\0'; width = 0; return "%";
            default: return null;
        }
    }

    private static string Ordinal(int day)
    {
        var suffix = (day % 100) is 11 or 12 or 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return day.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>The short zone name JavaScript's Intl gives in en-US: US zones by letters, others as GMT±h.</summary>
    private static string ZoneAbbreviation(DateTimeOffset d, TimeZoneInfo zone)
    {
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC") return "UTC";
        var dst = zone.IsDaylightSavingTime(d);
        var letters = zone.Id switch
        {
            "America/New_York" or "America/Detroit" or "America/Toronto" => dst ? "EDT" : "EST",
            "America/Chicago" => dst ? "CDT" : "CST",
            "America/Denver" => dst ? "MDT" : "MST",
            "America/Phoenix" => "MST",
            "America/Los_Angeles" => dst ? "PDT" : "PST",
            "America/Anchorage" => dst ? "AKDT" : "AKST",
            "Pacific/Honolulu" => "HST",
            _ => null,
        };
        if (letters is not null) return letters;
        var offset = d.Offset;
        if (offset == TimeSpan.Zero) return "GMT";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0 ? $"GMT{sign}{abs.Hours}" : $"GMT{sign}{abs.Hours}:{abs.Minutes:00}";
    }
}
