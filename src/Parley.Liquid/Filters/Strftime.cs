using System.Globalization;
using System.Text;

namespace Parley.Liquid;

/// <summary>strftime as LiquidJS implements it, flags (<c>- _ 0 ^ #</c>), widths and <c>:z</c> included.</summary>
internal static class Strftime
{
    static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateTimeOffset instant, DateZone zone, string fmt)
    {
        var offset = zone.OffsetAt(instant);
        var t = instant.UtcDateTime + offset;
        var sb = new StringBuilder(fmt.Length + 16);
        for (int i = 0; i < fmt.Length; i++)
        {
            char c = fmt[i];
            if (c != '%' || i + 1 >= fmt.Length) { sb.Append(c); continue; }
            int j = i + 1;
            string flags = "";
            while (j < fmt.Length && "-_0^#:".Contains(fmt[j])) { flags += fmt[j]; j++; }
            int width = -1;
            int ws = j;
            while (j < fmt.Length && char.IsAsciiDigit(fmt[j])) j++;
            if (j > ws) width = int.Parse(fmt.AsSpan(ws, j - ws), CultureInfo.InvariantCulture);
            // E and O are locale modifiers that LiquidJS accepts and ignores
            if (j < fmt.Length - 1 && (fmt[j] == 'E' || fmt[j] == 'O')) j++;
            if (j >= fmt.Length) { sb.Append(fmt, i, j - i); i = j - 1; continue; }
            char d = fmt[j];
            string? text = Directive(d, t, instant, offset, zone, flags, out int padWidth, out char padChar);
            if (text is null) { sb.Append(fmt, i, j - i + 1); i = j; continue; }
            if (d == 'N' && width >= 0) { sb.Append(text.PadRight(width, '0').AsSpan(0, width)); i = j; continue; }
            if (flags.Contains('^')) text = text.ToUpperInvariant();
            else if (flags.Contains('#')) text = SwapCase(text, d);
            char pc = flags.Contains('_') ? ' ' : flags.Contains('0') ? '0' : padChar;
            int w = width >= 0 ? width : padWidth;
            if (flags.Contains('-')) { }
            else if (text.Length < w)
            {
                bool neg = pc == '0' && text.StartsWith('-');
                text = neg ? "-" + text.Substring(1).PadLeft(w - 1, '0') : text.PadLeft(w, pc);
            }
            sb.Append(text);
            i = j;
        }
        return sb.ToString();
    }

    static string SwapCase(string s, char d) => d is 'p' ? s.ToLowerInvariant() : s.ToUpperInvariant();

    static string? Directive(char d, DateTime t, DateTimeOffset instant, TimeSpan offset, DateZone zone, string flags, out int pad, out char padChar)
    {
        pad = 0; padChar = '0';
        string N(int v, int p, char pc = '0') => v.ToString(CultureInfo.InvariantCulture);
        switch (d)
        {
            case 'a': padChar = ' '; return Days[(int)t.DayOfWeek].Substring(0, 3);
            case 'A': padChar = ' '; return Days[(int)t.DayOfWeek];
            case 'b': case 'h': padChar = ' '; return Months[t.Month - 1].Substring(0, 3);
            case 'B': padChar = ' '; return Months[t.Month - 1];
            case 'C': pad = 2; return N(t.Year / 100, 2);
            case 'd': pad = 2; return N(t.Day, 2);
            case 'e': pad = 2; padChar = ' '; return N(t.Day, 2);
            case 'H': pad = 2; return N(t.Hour, 2);
            case 'I': pad = 2; return N(Hour12(t.Hour), 2);
            case 'j': pad = 3; return N(t.DayOfYear, 3);
            case 'k': pad = 2; padChar = ' '; return N(t.Hour, 2);
            case 'l': pad = 2; padChar = ' '; return N(Hour12(t.Hour), 2);
            case 'L': pad = 3; return N(t.Millisecond, 3);
            case 'N': pad = 9; return N(t.Millisecond * 1_000_000, 9);
            case 'm': pad = 2; return N(t.Month, 2);
            case 'M': pad = 2; return N(t.Minute, 2);
            case 'p': padChar = ' '; return t.Hour < 12 ? "AM" : "PM";
            case 'P': padChar = ' '; return t.Hour < 12 ? "am" : "pm";
            case 'q': return Ordinal(t.Day);
            case 's': return instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            case 'S': pad = 2; return N(t.Second, 2);
            case 'u': return N(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, 1);
            case 'w': return N((int)t.DayOfWeek, 1);
            case 'U': pad = 2; return N((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7, 2);
            case 'W': pad = 2; return N((t.DayOfYear + 6 - ((int)t.DayOfWeek + 6) % 7) / 7, 2);
            case 'y': pad = 2; return N(t.Year % 100, 2);
            case 'Y': return N(t.Year, 4);
            case 'n': return "\n";
            case 't': return "\t";
            case '%': return "%";
            case 'z': return Offset(offset, flags.Contains(':'));
            case 'Z': return zone.FixedOffset is not null ? Offset(offset, false) : zone.Name ?? "UTC";
            default: return null;
        }
    }

    static string Ordinal(int day) => (day % 100) is >= 11 and <= 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };

    static int Hour12(int h) => h % 12 == 0 ? 12 : h % 12;

    static string Offset(TimeSpan o, bool colon)
    {
        var sign = o < TimeSpan.Zero ? "-" : "+";
        var a = o.Duration();
        return sign + a.Hours.ToString("00", CultureInfo.InvariantCulture) + (colon ? ":" : "") + a.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }
}
