using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Liquid.Runtime;

namespace Parley.Liquid;

internal static partial class Filters
{
    static void RegisterString(Dictionary<string, FilterFn> t)
    {
        t["append"] = (c, v, a, k) => Has(a, 0) ? Str(v) + Str(a[0]) : throw new LiquidRenderException("append expect 2 arguments");
        t["prepend"] = (c, v, a, k) => Has(a, 0) ? Str(a[0]) + Str(v) : throw new LiquidRenderException("prepend expect 2 arguments");
        t["upcase"] = (c, v, a, k) => JsUpper(Str(v));
        t["downcase"] = (c, v, a, k) => JsLower(Str(v));
        t["capitalize"] = (c, v, a, k) =>
        {
            var s = Str(v);
            return s.Length == 0 ? s : JsUpper(s.Substring(0, 1)) + JsLower(s.Substring(1));
        };
        t["strip"] = (c, v, a, k) => Has(a, 0) && a[0] is not null ? Str(v).Trim(Str(a[0]).ToCharArray()) : JsTrim(Str(v), true, true);
        t["lstrip"] = (c, v, a, k) => Has(a, 0) && a[0] is not null ? Str(v).TrimStart(Str(a[0]).ToCharArray()) : JsTrim(Str(v), true, false);
        t["rstrip"] = (c, v, a, k) => Has(a, 0) && a[0] is not null ? Str(v).TrimEnd(Str(a[0]).ToCharArray()) : JsTrim(Str(v), false, true);
        t["strip_newlines"] = (c, v, a, k) => NewlineRegex().Replace(Str(v), "");
        t["newline_to_br"] = (c, v, a, k) => NewlineRegex().Replace(Str(v), "<br />\n");
        t["escape"] = (c, v, a, k) => Escape(Str(v));
        t["xml_escape"] = t["escape"];
        t["escape_once"] = (c, v, a, k) => Escape(Unescape(Str(v)));
        t["unescape"] = (c, v, a, k) => Unescape(Str(v));
        t["strip_html"] = (c, v, a, k) => HtmlRegex().Replace(Str(v), "");
        t["remove"] = (c, v, a, k) => ReplaceAll(Str(v), Str(Arg(a, 0)), "");
        t["replace"] = (c, v, a, k) => ReplaceAll(Str(v), Str(Arg(a, 0)), Str(Arg(a, 1)));
        t["remove_first"] = (c, v, a, k) => ReplaceFirst(Str(v), Str(Arg(a, 0)), "");
        t["replace_first"] = (c, v, a, k) => ReplaceFirst(Str(v), Str(Arg(a, 0)), Str(Arg(a, 1)));
        t["remove_last"] = (c, v, a, k) => ReplaceLast(Str(v), Str(Arg(a, 0)), "");
        t["replace_last"] = (c, v, a, k) => ReplaceLast(Str(v), Str(Arg(a, 0)), Str(Arg(a, 1)));
        t["split"] = (c, v, a, k) => Split(Str(v), Str(Arg(a, 0)));
        t["truncate"] = (c, v, a, k) => Truncate(Str(v), Has(a, 0) ? Num(a[0]) : 50, Has(a, 1) ? Str(a[1]) : "...");
        t["truncatewords"] = (c, v, a, k) => TruncateWords(Str(v), Has(a, 0) ? Values.ToNumber(a[0]) : 15, Has(a, 1) ? Str(a[1]) : "...");
        t["url_encode"] = (c, v, a, k) => v is null ? "" : EncodeUriComponent(Str(v)).Replace("%20", "+");
        t["url_decode"] = (c, v, a, k) => v is null ? "" : DecodeUriComponent(Str(v).Replace('+', ' '));
        t["cgi_escape"] = t["url_encode"];
        t["uri_escape"] = (c, v, a, k) => EncodeUri(Str(v));
        t["slice"] = (c, v, a, k) => Slice(v, Has(a, 0) ? Num(a[0]) : 0, Has(a, 1) ? Num(a[1]) : 1);
        t["normalize_whitespace"] = (c, v, a, k) => WhitespaceRunRegex().Replace(Str(v), " ");
        t["number_of_words"] = (c, v, a, k) => (double)Str(v).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
    }

    [GeneratedRegex("\r?\n")] private static partial Regex NewlineRegex();
    [GeneratedRegex("<script[\\s\\S]*?</script>|<style[\\s\\S]*?</style>|<.*?>|<!--[\\s\\S]*?-->")] private static partial Regex HtmlRegex();
    [GeneratedRegex("\\s+")] private static partial Regex WhitespaceRunRegex();

    static bool IsJsSpace(char c) => c == '\ufeff' || (char.IsWhiteSpace(c) && c != '\u0085');

    static string JsTrim(string s, bool start, bool end)
    {
        int i = 0, j = s.Length;
        if (start) while (i < j && IsJsSpace(s[i])) i++;
        if (end) while (j > i && IsJsSpace(s[j - 1])) j--;
        return s.Substring(i, j - i);
    }

    // JS toUpperCase uses full case mapping (ß -> SS, ligatures expand); .NET maps one char to one char.
    static string JsUpper(string s)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < s.Length; i++)
        {
            string? special = s[i] switch
            {
                'ß' => "SS", 'ı' => "I", 'ﬀ' => "FF", 'ﬁ' => "FI", 'ﬂ' => "FL", 'ﬃ' => "FFI", 'ﬄ' => "FFL", 'ﬅ' => "ST", 'ﬆ' => "ST", 'ŉ' => "ʼN",
                _ => null,
            };
            if (special is null && sb is null) continue;
            sb ??= new StringBuilder(s.Length + 4).Append(s, 0, i);
            sb.Append(special ?? s[i].ToString());
        }
        return (sb?.ToString() ?? s).ToUpperInvariant();
    }

    static string JsLower(string s)
    {
        if (s.Contains('İ')) s = s.Replace("İ", "i\u0307");
        var lower = s.ToLowerInvariant();
        if (lower.IndexOf('σ') < 0) return lower;
        var chars = lower.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] != 'σ' || s[i] != 'Σ') continue;
            bool before = i > 0 && char.IsLetter(chars[i - 1]);
            bool after = i + 1 < chars.Length && char.IsLetter(chars[i + 1]);
            if (before && !after) chars[i] = 'ς';
        }
        return new string(chars);
    }

    static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    static string Unescape(string s) =>
        s.Contains('&') ? s.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&#34;", "\"").Replace("&#39;", "'").Replace("&amp;", "&") : s;

    static string ReplaceAll(string s, string find, string repl)
    {
        if (find.Length == 0)
        {
            if (s.Length == 0) return s;
            var sb = new StringBuilder();
            for (int i = 0; i < s.Length; i++) { if (i > 0) sb.Append(repl); sb.Append(s[i]); }
            return sb.ToString();
        }
        return s.Replace(find, repl, StringComparison.Ordinal);
    }

    static string ReplaceFirst(string s, string find, string repl)
    {
        int i = s.IndexOf(find, StringComparison.Ordinal);
        return i < 0 ? s : string.Concat(s.AsSpan(0, i), repl, s.AsSpan(i + find.Length));
    }

    static string ReplaceLast(string s, string find, string repl)
    {
        int i = s.LastIndexOf(find, StringComparison.Ordinal);
        return i < 0 ? s : string.Concat(s.AsSpan(0, i), repl, s.AsSpan(i + find.Length));
    }

    static List<object?> Split(string s, string sep)
    {
        var list = new List<object?>();
        if (sep.Length == 0) { foreach (var ch in s) list.Add(ch.ToString()); return list; }
        foreach (var part in s.Split(sep)) list.Add(part);
        // Ruby/Liquid drops trailing empty strings
        while (list.Count > 0 && (string)list[^1]! == "") list.RemoveAt(list.Count - 1);
        return list;
    }

    static int[] CodePointStarts(string s)
    {
        var starts = new List<int>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        }
        return starts.ToArray();
    }

    static string SubstringCp(string s, int[] starts, int from, int to)
    {
        from = Math.Clamp(from, 0, starts.Length); to = Math.Clamp(to, 0, starts.Length);
        if (to <= from) return "";
        int a = starts[from], b = to == starts.Length ? s.Length : starts[to];
        return s.Substring(a, b - a);
    }

    static string Truncate(string s, double length, string ellipsis)
    {
        var starts = CodePointStarts(s);
        if (double.IsNaN(length)) length = 0;
        if (starts.Length <= length) return s;
        int keep = (int)Math.Max(0, length - CodePointStarts(ellipsis).Length);
        return SubstringCp(s, starts, 0, keep) + ellipsis;
    }

    static string TruncateWords(string s, double words, string ellipsis)
    {
        var parts = Regex.Split(JsTrim(s, true, false), "\\s+");
        if (words <= 0) words = 1;
        if (double.IsNaN(words)) return "";
        int n = (int)Math.Min(words, parts.Length);
        var ret = string.Join(" ", parts, 0, n);
        if (parts.Length >= words) ret += ellipsis;
        return ret;
    }

    static object? Slice(object? v, double start, double length)
    {
        if (double.IsNaN(start)) start = 0;
        if (double.IsNaN(length)) length = 0;
        if (v is List<object?> list)
        {
            int st = (int)(start < 0 ? Math.Max(0, list.Count + start) : Math.Min(start, list.Count));
            int end = (int)Math.Clamp(st + length, st, list.Count);
            return list.GetRange(st, end - st);
        }
        var s = Str(v);
        var starts = CodePointStarts(s);
        if (start < 0 && starts.Length + start < 0) return "";
        int cs = (int)(start < 0 ? starts.Length + start : Math.Min(start, starts.Length));
        return SubstringCp(s, starts, cs, (int)Math.Min(cs + length, starts.Length));
    }

    const string UriUnreserved = "-_.!~*'()";
    const string UriReserved = ";,/?:@&=+$#";

    static string EncodeUriComponent(string s) => PercentEncode(s, UriUnreserved);
    static string EncodeUri(string s) => PercentEncode(s, UriUnreserved + UriReserved + "[]");

    static string PercentEncode(string s, string keep)
    {
        var sb = new StringBuilder(s.Length + 8);
        var bytes = new byte[4];
        for (int i = 0; i < s.Length; i++)
        {
            char ch = s[i];
            if (char.IsAsciiLetterOrDigit(ch) || keep.Contains(ch)) { sb.Append(ch); continue; }
            int cp;
            if (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { cp = char.ConvertToUtf32(ch, s[i + 1]); i++; }
            else if (char.IsSurrogate(ch)) throw new LiquidRenderException("URI malformed");
            else cp = ch;
            int n = new Rune(cp).EncodeToUtf8(bytes);
            for (int b = 0; b < n; b++) sb.Append('%').Append(bytes[b].ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    static string DecodeUriComponent(string s)
    {
        if (!s.Contains('%')) return s;
        var sb = new StringBuilder(s.Length);
        var buf = new List<byte>();
        for (int i = 0; i < s.Length;)
        {
            if (s[i] != '%') { sb.Append(s[i]); i++; continue; }
            buf.Clear();
            while (i < s.Length && s[i] == '%')
            {
                if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                    throw new LiquidRenderException("URI malformed");
                buf.Add(b); i += 3;
            }
            try { sb.Append(new UTF8Encoding(false, true).GetString(buf.ToArray())); }
            catch (DecoderFallbackException) { throw new LiquidRenderException("URI malformed"); }
        }
        return sb.ToString();
    }
}
