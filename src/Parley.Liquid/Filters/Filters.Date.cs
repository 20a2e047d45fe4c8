using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Liquid.Runtime;

namespace Parley.Liquid;

internal static partial class Filters
{
    const string DefaultDateFormat = "%A, %B %-e, %Y at %-l:%M %P %z";

    static void RegisterDate(Dictionary<string, FilterFn> t)
    {
        t["date"] = (c, v, a, k) =>
        {
            var instant = ToInstant(c, v);
            if (instant is null) return v;
            var fmt = Has(a, 0) && a[0] is not null ? Str(a[0]) : DefaultDateFormat;
            var zone = ResolveZone(c, Arg(a, 1));
            return Strftime.Format(instant.Value, zone, fmt);
        };
        t["date_to_xmlschema"] = (c, v, a, k) => DateWith(c, v, "%Y-%m-%dT%H:%M:%S%:z");
        t["date_to_rfc822"] = (c, v, a, k) => DateWith(c, v, "%a, %d %b %Y %H:%M:%S %z");
        t["date_to_string"] = (c, v, a, k) => DateWith(c, v, JekyllDateFormat("%b", a));
        t["date_to_long_string"] = (c, v, a, k) => DateWith(c, v, JekyllDateFormat("%B", a));
    }

    static string JekyllDateFormat(string month, object?[] a)
    {
        if (Str(Arg(a, 0)) != "ordinal") return "%d " + month + " %Y";
        return Str(Arg(a, 1)) == "US" ? month + " %-d%q, %Y" : "%-d%q " + month + " %Y";
    }

    static object? DateWith(RenderContext c, object? v, string fmt)
    {
        var instant = ToInstant(c, v);
        return instant is null ? v : Strftime.Format(instant.Value, ResolveZone(c, null), fmt);
    }

    static DateZone ResolveZone(RenderContext ctx, object? arg)
    {
        switch (arg)
        {
            // a number is a JS timezoneOffset: minutes behind UTC, so -330 is +05:30
            case double minutes: return new DateZone(null, TimeSpan.FromMinutes(-minutes), null);
            case string name:
                return new DateZone(FindZone(name) ?? throw new LiquidRenderException($"Invalid time zone specified: {name}"), null, name);
            default:
                var tz = ctx.Options.TimeZone;
                return new DateZone(tz, null, tz == TimeZoneInfo.Utc ? "UTC" : tz.Id);
        }
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo?> ZoneCache = new(StringComparer.OrdinalIgnoreCase);

    static TimeZoneInfo? FindZone(string name)
    {
        if (ZoneCache.TryGetValue(name, out var cached)) return cached;
        // zone names can come from template data; keep the cache bounded
        if (ZoneCache.Count >= 1024) ZoneCache.Clear();
        return ZoneCache.GetOrAdd(name, LookupZone);
    }

    static TimeZoneInfo? LookupZone(string n)
    {
        if (n.Length == 0 || n.Contains("..") || n.StartsWith('/') || n.Contains('\\')) return null;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(n, out var tz)) return tz;
        foreach (var z in TimeZoneInfo.GetSystemTimeZones())
            if (z.Id.Equals(n, StringComparison.OrdinalIgnoreCase)) return z;
        return null;
    }

    static DateTimeOffset? ToInstant(RenderContext ctx, object? v)
    {
        switch (v)
        {
            case double d: return FromSeconds(d);
            case bool b: return FromSeconds(b ? 1 : 0);
            case string s:
                if (s == "now" || s == "today") return ctx.Options.Clock.GetUtcNow();
                if (s.Length > 0 && s.All(char.IsAsciiDigit)) return FromSeconds(double.Parse(s, CultureInfo.InvariantCulture));
                return ParseDateString(s);
            default: return null;
        }
    }

    static DateTimeOffset? FromSeconds(double s)
    {
        // .NET stops at year 9999; later instants are left as they are
        if (double.IsNaN(s) || s > 253402300799 || s < -62135596800) return null;
        return DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(s * 1000));
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoRegex();

    static DateTimeOffset? ParseDateString(string s)
    {
        var m = IsoRegex().Match(s.Trim());
        if (m.Success)
        {
            int y = int.Parse(m.Groups[1].Value), mo = int.Parse(m.Groups[2].Value), d = m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : 1;
            int h = m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : 0, mi = m.Groups[5].Success ? int.Parse(m.Groups[5].Value) : 0;
            int sec = m.Groups[6].Success ? int.Parse(m.Groups[6].Value) : 0;
            int ms = m.Groups[7].Success ? int.Parse((m.Groups[7].Value + "00").Substring(0, 3)) : 0;
            // V8 accepts day 31 in any month and rolls over (2024-02-30 is March 1)
            if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 59) return null;
            var offset = TimeSpan.Zero;
            if (m.Groups[8].Success && m.Groups[8].Value.ToUpperInvariant() != "Z")
            {
                var z = m.Groups[8].Value.Replace(":", "");
                offset = new TimeSpan(int.Parse(z.Substring(1, 2)), int.Parse(z.Substring(3, 2)), 0);
                if (z[0] == '-') offset = -offset;
            }
            var local = new DateTime(y, mo, 1, 0, 0, 0).AddDays(d - 1).AddHours(h).AddMinutes(mi).AddSeconds(sec).AddMilliseconds(ms);
            return new DateTimeOffset(local - offset, TimeSpan.Zero);
        }
        return LegacyDateParser.Parse(s);
    }
}

/// <summary>The zone a date is shown in: an IANA zone, or a fixed offset in minutes.</summary>
internal readonly record struct DateZone(TimeZoneInfo? Zone, TimeSpan? FixedOffset, string? Name)
{
    public TimeSpan OffsetAt(DateTimeOffset utc) => FixedOffset ?? Zone!.GetUtcOffset(utc.UtcDateTime);
}
