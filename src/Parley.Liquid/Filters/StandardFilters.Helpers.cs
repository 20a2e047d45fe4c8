using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Liquid.Nodes;
using Parley.Liquid.Runtime;

namespace Parley.Liquid.Filters;

/// <summary>The behaviour behind the standard filters, matching JavaScript where LiquidJS relies on it.</summary>
internal static partial class StandardFilters
{
    [GeneratedRegex("<script.*?</script>|<style.*?</style>|<!--.*?-->|<.*?>", RegexOptions.Singleline)]
    private static partial Regex StripHtml();

    [GeneratedRegex("\r?\n")]
    private static partial Regex NewLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WordSeparators();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>JavaScript's trim set (ECMAScript WhiteSpace + LineTerminator).</summary>
    private static bool IsJsWhitespace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';

    private static string JsTrim(string s, bool start, bool end)
    {
        int i = 0, j = s.Length;
        if (start) while (i < j && IsJsWhitespace(s[i])) i++;
        if (end) while (j > i && IsJsWhitespace(s[j - 1])) j--;
        return s[i..j];
    }

    private static string ReplaceFirst(string s, string search, string replacement)
    {
        var at = s.IndexOf(search, StringComparison.Ordinal);
        return at < 0 ? s : s[..at] + replacement + s[(at + search.Length)..];
    }

    private static string ReplaceLast(string s, string search, string replacement)
    {
        var at = s.LastIndexOf(search, StringComparison.Ordinal);
        return at < 0 ? s : s[..at] + replacement + s[(at + search.Length)..];
    }

    /// <summary>JavaScript's split, then trailing empty strings dropped (Liquid's rule).</summary>
    private static List<object?> Split(string s, string separator)
    {
        List<string> parts = separator.Length == 0
            ? EnumerateCodeUnits(s).ToList()
            : [.. s.Split(separator)];
        while (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return parts.Select(p => (object?)p).ToList();
    }

    private static IEnumerable<string> EnumerateCodeUnits(string s)
    {
        foreach (var c in s) yield return c.ToString();
    }

    /// <summary>Counts code points (as LiquidJS's truncate does), keeping the ellipsis within the length.</summary>
    private static string Truncate(string s, int length, string ellipsis)
    {
        var points = CodePoints(s);
        if (points.Count <= length) return s;
        var keep = Math.Max(0, length - CodePoints(ellipsis).Count);
        return string.Concat(points.Take(keep)) + ellipsis;
    }

    private static List<string> CodePoints(string s)
    {
        var list = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(s.Substring(i, 2));
                i++;
            }
            else list.Add(s[i].ToString());
        }
        return list;
    }

    private static string TruncateWords(string s, double requested, string ellipsis)
    {
        if (double.IsNaN(requested)) return "";
        var words = (int)requested;
        if (words <= 0) words = 1;
        var parts = WordSeparators().Split(JsTrim(s, true, false));
        var joined = string.Join(" ", parts.Take(words));
        return parts.Length >= words ? joined + ellipsis : joined;
    }

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;");

    private static string Unescape(string s) => s.Replace("&amp;", "&").Replace("&lt;", "<").Replace("&gt;", ">").Replace("&#34;", "\"").Replace("&#39;", "'");

    private static string Sentence(List<object?> items, string connector) => items.Count switch
    {
        0 => "",
        1 => Str(items[0]),
        2 => $"{Str(items[0])} {connector} {Str(items[1])}",
        _ => string.Join(", ", items.SkipLast(1).Select(Str)) + $", {connector} {Str(items[^1])}",
    };

    /// <summary>Integer division when both sides are integers (Liquid), else plain division.</summary>
    private static object? DividedBy(object? value, object? divisor, object? integerArithmetic)
    {
        var a = Num(value);
        var b = Num(divisor);
        var integer = integerArithmetic is not Undefined && LiquidValues.IsTruthy(integerArithmetic);
        var result = a / b;
        return integer ? Math.Floor(result) : result;
    }

    /// <summary>Modulo with the sign of the divisor (Ruby's, which LiquidJS follows).</summary>
    private static double FlooredModulo(double a, double b) => b == 0 ? double.NaN : ((a % b) + b) % b;

    /// <summary>JavaScript's split/join replace-all: an empty pattern puts the replacement between every character.</summary>
    private static string SplitJoin(string s, string pattern, string replacement) =>
        pattern.Length == 0 ? string.Join(replacement, s.Select(c => c.ToString())) : s.Replace(pattern, replacement);

    /// <summary>The array a filter works on: an array as is, a range expanded, any other value as a one-item array.</summary>
    private static List<object?> Items(object? value) => value switch
    {
        null or Undefined => [],
        List<object?> list => list,
        LiquidRange r => r.Items().ToList(),
        _ => [value],
    };

    /// <summary>Rounds half away from zero like JavaScript's Math.round on the scaled value.</summary>
    private static double Round(double value, int digits)
    {
        var factor = Math.Pow(10, digits);
        return Math.Floor(value * factor + 0.5) / factor;
    }

    public static object? Property(object? item, object? key) => key is null ? item : VariableExpr.Access(item, key is string s && s.Contains('.') ? s.Split('.')[0] : key) is var v && key is string path && path.Contains('.')
        ? path.Split('.').Skip(1).Aggregate(v, (current, part) => VariableExpr.Access(current, part))
        : VariableExpr.Access(item, key);

    private static bool Matches(object? property, bool hasExpected, object? expected) =>
        hasExpected ? LiquidValues.Equals(property, expected) : LiquidValues.IsTruthy(property);

    private static List<object?> Uniq(List<object?> items, object? key)
    {
        var result = new List<object?>();
        var seen = new List<object?>();
        foreach (var item in items)
        {
            var identity = key is null ? item : Property(item, key);
            if (seen.Any(s => Identical(s, identity))) continue;
            seen.Add(identity);
            result.Add(item);
        }
        return result;
    }

    /// <summary>JavaScript's SameValueZero: primitives by value, objects by reference.</summary>
    private static bool Identical(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => x == y || (double.IsNaN(x) && double.IsNaN(y)),
        (string x, string y) => x == y,
        (bool x, bool y) => x == y,
        _ => ReferenceEquals(a, b),
    };

    private static List<object?> Sort(List<object?> items, object? key, bool natural)
    {
        var keyed = items.Select((item, index) => (item, value: key is null ? item : Property(item, key), index)).ToList();
        keyed.Sort((a, b) =>
        {
            var c = CompareForSort(a.value, b.value, natural);
            return c != 0 ? c : a.index.CompareTo(b.index);
        });
        return keyed.Select(k => k.item).ToList();
    }

    private static int CompareForSort(object? a, object? b, bool natural)
    {
        if (a is null && b is null) return 0;
        if (a is null) return 1;
        if (b is null) return -1;
        if (natural)
            return string.Compare(LiquidValues.ToJsString(a), LiquidValues.ToJsString(b), StringComparison.OrdinalIgnoreCase);
        return (a, b) switch
        {
            (double x, double y) => x.CompareTo(y),
            (string x, string y) => string.CompareOrdinal(x, y),
            _ => LiquidValues.Compare(a, b) ?? string.CompareOrdinal(LiquidValues.ToJsString(a), LiquidValues.ToJsString(b)),
        };
    }

    private static List<object?> GroupBy(List<object?> items, object? key)
    {
        var groups = new List<(object? Name, List<object?> Items)>();
        foreach (var item in items)
        {
            var name = Property(item, key);
            var group = groups.FindIndex(g => LiquidValues.Equals(g.Name, name));
            if (group < 0) groups.Add((name, [item]));
            else groups[group].Items.Add(item);
        }
        return groups.Select(g => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["name"] = g.Name, ["items"] = g.Items }).ToList();
    }

    /// <summary>JavaScript's Array.prototype.slice(start, start + length) over items or code points.</summary>
    private static object? Slice(object? value, int start, int length)
    {
        if (value is List<object?> list) return SliceFrom(list, start, length);
        return string.Concat(SliceFrom(CodePoints(Str(value)), start, length));

        static List<T> SliceFrom<T>(List<T> items, int start, int length)
        {
            // A negative start counts from the end; one that reaches before the start yields nothing.
            if (start < 0) start += items.Count;
            return start < 0 ? [] : JsSlice(items, start, start + length);
        }
    }

    /// <summary>Evaluates a Liquid condition (the <c>*_exp</c> filters) with one item bound to a name.</summary>
    private static bool Test(RenderContext context, object? item, object? name, object? expression)
    {
        var condition = Parsing.ExpressionParser.Condition(Str(expression));
        context.PushScope(new Dictionary<string, object?>(StringComparer.Ordinal) { [Str(name)] = item });
        try { return LiquidValues.IsTruthy(condition.Evaluate(context)); }
        finally { context.PopScope(); }
    }

    private static object? Evaluate(RenderContext context, object? item, object? name, object? expression)
    {
        var value = Parsing.ExpressionParser.Filtered(Str(expression));
        context.PushScope(new Dictionary<string, object?>(StringComparer.Ordinal) { [Str(name)] = item });
        try { return value.Evaluate(context); }
        finally { context.PopScope(); }
    }

    private static List<T> JsSlice<T>(List<T> items, int start, int end)
    {
        int Clamp(int i) => i < 0 ? Math.Max(items.Count + i, 0) : Math.Min(i, items.Count);
        var from = Clamp(start);
        var to = Clamp(end);
        return to > from ? items.GetRange(from, to - from) : [];
    }

    /// <summary>decodeURIComponent: malformed escapes are an error, as in JavaScript.</summary>
    private static string UrlDecode(string text)
    {
        var bytes = new List<byte>();
        var output = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                    throw new LiquidRenderException("URI malformed");
                bytes.Add(b);
                i += 2;
                continue;
            }
            Flush();
            output.Append(text[i]);
        }
        Flush();
        return output.ToString();

        void Flush()
        {
            if (bytes.Count == 0) return;
            try { output.Append(new UTF8Encoding(false, true).GetString(bytes.ToArray())); }
            catch (DecoderFallbackException) { throw new LiquidRenderException("URI malformed"); }
            bytes.Clear();
        }
    }

    /// <summary>JavaScript's toUpperCase: full case mappings such as ß → SS and ﬁ → FI.</summary>
    private static string JsUpper(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                'ß' => "SS",
                'ﬁ' => "FI",
                'ﬂ' => "FL",
                'ﬀ' => "FF",
                'ı' => "I",
                _ => char.ToUpperInvariant(c).ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>JavaScript's toLowerCase: a capital sigma ending a word becomes final sigma.</summary>
    private static string JsLower(string s)
    {
        var lower = s.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < s.Length; i++)
            if (s[i] == 'Σ' && i > 0 && char.IsLetter(s[i - 1]) && (i + 1 >= s.Length || !char.IsLetter(s[i + 1])))
                lower[i] = 'ς';
        return new string(lower);
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON.stringify, with an optional indent.</summary>
    private static string Json(object? value, int indent)
    {
        if (value is null) return "null";
        var node = LiquidValues.ToJson(value);
        if (node is null) return value is double ? "null" : "null";
        var text = node.ToJsonString(Compact);
        return indent > 0 ? Reindent(text, indent) : text;
    }

    private static string Reindent(string compact, int indent)
    {
        using var document = JsonDocument.Parse(compact);
        var options = new JsonWriterOptions { Indented = true, IndentSize = indent, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options)) document.WriteTo(writer);
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n");
    }
}
