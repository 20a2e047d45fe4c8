using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Parley.Liquid.Runtime;

namespace Parley.Liquid.Filters;

/// <summary>A filter: input value, positional arguments, keyword arguments → output value.</summary>
internal delegate object? Filter(RenderContext context, object? input, object?[] args, Dictionary<string, object?>? keywords);

/// <summary>
/// LiquidJS's standard filters (and its common extras). An unknown filter passes its input through unchanged,
/// as LiquidJS does with strictFilters off.
/// </summary>
internal static partial class StandardFilters
{
    private static readonly Dictionary<string, Filter> Filters = Build();

    public static object? Apply(RenderContext context, string name, object? input, object?[] args, Dictionary<string, object?>? keywords) =>
        Filters.TryGetValue(name, out var filter) ? filter(context, input, args, keywords) : input;

    private static string Str(object? value) => LiquidValues.ToOutput(value);
    /// <summary>A missing argument is JavaScript's undefined, which makes math filters NaN (unlike nil, which is 0).</summary>
    private static object? Arg(object?[] args, int index) => index < args.Length ? args[index] : Undefined.Value;
    private static double Num(object? value) => value is Undefined ? double.NaN : LiquidValues.ToFilterNumber(value);

    private static Dictionary<string, Filter> Build()
    {
        var f = new Dictionary<string, Filter>(StringComparer.Ordinal);

        // Strings
        f["append"] = (_, v, a, _) => Str(v) + Str(Arg(a, 0));
        f["prepend"] = (_, v, a, _) => Str(Arg(a, 0)) + Str(v);
        f["upcase"] = (_, v, _, _) => JsUpper(Str(v));
        f["downcase"] = (_, v, _, _) => JsLower(Str(v));
        f["capitalize"] = (_, v, _, _) => { var s = Str(v); return s.Length == 0 ? s : JsUpper(s[..1]) + JsLower(s[1..]); };
        f["strip"] = (_, v, a, _) => a.Length > 0 && a[0] is not null ? Str(v).Trim(Str(a[0]).ToCharArray()) : JsTrim(Str(v), true, true);
        f["lstrip"] = (_, v, a, _) => a.Length > 0 && a[0] is not null ? Str(v).TrimStart(Str(a[0]).ToCharArray()) : JsTrim(Str(v), true, false);
        f["rstrip"] = (_, v, a, _) => a.Length > 0 && a[0] is not null ? Str(v).TrimEnd(Str(a[0]).ToCharArray()) : JsTrim(Str(v), false, true);
        f["strip_newlines"] = (_, v, _, _) => Str(v).Replace("\r\n", "").Replace("\n", "");
        f["newline_to_br"] = (_, v, _, _) => NewLine().Replace(Str(v), "<br />\n");
        f["replace"] = (_, v, a, _) => SplitJoin(Str(v), Str(Arg(a, 0)), Str(Arg(a, 1)));
        f["replace_first"] = (_, v, a, _) => ReplaceFirst(Str(v), Str(Arg(a, 0)), Str(Arg(a, 1)));
        f["replace_last"] = (_, v, a, _) => ReplaceLast(Str(v), Str(Arg(a, 0)), Str(Arg(a, 1)));
        f["remove"] = (_, v, a, _) => SplitJoin(Str(v), Str(Arg(a, 0)), "");
        f["remove_first"] = (_, v, a, _) => ReplaceFirst(Str(v), Str(Arg(a, 0)), "");
        f["remove_last"] = (_, v, a, _) => ReplaceLast(Str(v), Str(Arg(a, 0)), "");
        f["split"] = (_, v, a, _) => Split(Str(v), a.Length > 0 && a[0] is not null ? Str(a[0]) : "");
        f["truncate"] = (_, v, a, _) => Truncate(Str(v), a.Length > 0 && a[0] is not null ? (int)Num(a[0]) : 50, a.Length > 1 ? Str(a[1]) : "...");
        f["truncatewords"] = (_, v, a, _) => TruncateWords(Str(v), a.Length > 0 && a[0] is not null ? LiquidValues.ToNumber(a[0]) : 15, a.Length > 1 ? Str(a[1]) : "...");
        f["escape"] = (_, v, _, _) => v is null ? v : Escape(Str(v));
        f["escape_once"] = (_, v, _, _) => Escape(Unescape(Str(v)));
        f["xml_escape"] = f["escape"];
        f["strip_html"] = (_, v, _, _) => StripHtml().Replace(Str(v), "");
        f["url_encode"] = (_, v, _, _) => Uri.EscapeDataString(Str(v)).Replace("%20", "+");
        f["url_decode"] = (_, v, _, _) => UrlDecode(Str(v).Replace("+", " "));
        f["cgi_escape"] = f["url_encode"];
        f["uri_escape"] = (_, v, _, _) => Uri.EscapeUriString(Str(v));
        f["base64_encode"] = (_, v, _, _) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(v)));
        f["base64_decode"] = (_, v, _, _) => Encoding.UTF8.GetString(Convert.FromBase64String(Str(v)));
        f["sha256"] = (_, v, _, _) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Str(v))));
        f["hmac_sha256"] = (_, v, a, _) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Str(Arg(a, 0))), Encoding.UTF8.GetBytes(Str(v))));
        f["slugify"] = (_, v, _, _) => Slug().Replace(Str(v).ToLowerInvariant(), "-").Trim('-');
        f["normalize_whitespace"] = (_, v, _, _) => Whitespace().Replace(Str(v), " ");
        f["number_of_words"] = (_, v, _, _) => (double)Str(v).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        f["array_to_sentence_string"] = (_, v, a, _) => Sentence(Items(v), a.Length > 0 ? Str(a[0]) : "and");

        // Numbers
        f["plus"] = (_, v, a, _) => Num(v) + Num(Arg(a, 0));
        f["minus"] = (_, v, a, _) => Num(v) - Num(Arg(a, 0));
        f["times"] = (_, v, a, _) => Num(v) * Num(Arg(a, 0));
        f["divided_by"] = (_, v, a, _) => DividedBy(v, Arg(a, 0), Arg(a, 1));
        f["modulo"] = (_, v, a, _) => FlooredModulo(Num(v), Num(Arg(a, 0)));
        f["abs"] = (_, v, _, _) => Math.Abs(Num(v));
        f["ceil"] = (_, v, _, _) => Math.Ceiling(Num(v));
        f["floor"] = (_, v, _, _) => Math.Floor(Num(v));
        f["round"] = (_, v, a, _) => Round(Num(v), a.Length > 0 && a[0] is not null ? (int)Num(a[0]) : 0);
        f["at_least"] = (_, v, a, _) => Math.Max(Num(v), Num(Arg(a, 0)));
        f["at_most"] = (_, v, a, _) => Math.Min(Num(v), Num(Arg(a, 0)));

        // Arrays and objects
        f["size"] = (_, v, _, _) => v is string or List<object?> or LiquidRange ? LiquidValues.Size(v) : 0d;
        f["first"] = (_, v, _, _) => v switch { string s => s.Length > 0 ? s[0].ToString() : "", List<object?> l => l.Count > 0 ? l[0] : null, LiquidRange r => r.Count > 0 ? (double)r.From : null, _ => null };
        f["last"] = (_, v, _, _) => v switch { string s => s.Length > 0 ? s[^1].ToString() : "", List<object?> l => l.Count > 0 ? l[^1] : null, LiquidRange r => r.Count > 0 ? (double)r.To : null, _ => null };
        f["join"] = (_, v, a, _) => v is List<object?> or LiquidRange
 ? string.Join(a.Length > 0 && a[0] is not null ? Str(a[0]) : " ", Items(v).Select(i => i is null ? "" : LiquidValues.ToJsString(i)))
            : Str(v);
        f["reverse"] = (_, v, _, _) => { var l = Items(v).ToList(); l.Reverse(); return l; };
        f["compact"] = (_, v, a, _) => Items(v).Where(i => (a.Length > 0 ? Property(i, a[0]) : i) is not null).ToList();
        f["uniq"] = (_, v, a, _) => Uniq(Items(v), a.Length > 0 ? a[0] : null);
        f["concat"] = (_, v, a, _) => Items(v).Concat(Items(Arg(a, 0))).ToList();
        f["map"] = (_, v, a, _) => Items(v).Select(i => Property(i, Arg(a, 0))).ToList();
        f["sum"] = (_, v, a, _) => Items(v).Select(i => a.Length > 0 ? Property(i, a[0]) : i).Sum(i => Num(i) is var n && double.IsNaN(n) ? 0 : n);
        f["sort"] = (_, v, a, _) => Sort(Items(v), a.Length > 0 ? a[0] : null, natural: false);
        f["sort_natural"] = (_, v, a, _) => Sort(Items(v), a.Length > 0 ? a[0] : null, natural: true);
        f["where"] = (_, v, a, _) => Items(v).Where(i => Matches(Property(i, Arg(a, 0)), a.Length > 1, Arg(a, 1))).ToList();
        f["reject"] = (_, v, a, _) => Items(v).Where(i => !Matches(Property(i, Arg(a, 0)), a.Length > 1, Arg(a, 1))).ToList();
        f["find"] = (_, v, a, _) => Items(v).FirstOrDefault(i => Matches(Property(i, Arg(a, 0)), a.Length > 1, Arg(a, 1)));
        f["find_index"] = (_, v, a, _) => Items(v).FindIndex(i => Matches(Property(i, Arg(a, 0)), a.Length > 1, Arg(a, 1))) is var x and >= 0 ? (double)x : null;
        f["has"] = (_, v, a, _) => Items(v).Any(i => Matches(Property(i, Arg(a, 0)), a.Length > 1, Arg(a, 1)));
        f["group_by"] = (_, v, a, _) => GroupBy(Items(v), Arg(a, 0));
        f["slice"] = (_, v, a, _) => Slice(v, (int)Num(Arg(a, 0)), a.Length > 1 && a[1] is not null ? (int)Num(a[1]) : 1);
        f["push"] = (_, v, a, _) => Items(v).Append(Arg(a, 0)).ToList();
        f["pop"] = (_, v, _, _) => Items(v).SkipLast(1).ToList();
        f["shift"] = (_, v, _, _) => Items(v).Skip(1).ToList();
        f["unshift"] = (_, v, a, _) => Items(v).Prepend(Arg(a, 0)).ToList();

        f["where_exp"] = (c, v, a, _) => Items(v).Where(i => Test(c, i, Arg(a, 0), Arg(a, 1))).ToList();
        f["reject_exp"] = (c, v, a, _) => Items(v).Where(i => !Test(c, i, Arg(a, 0), Arg(a, 1))).ToList();
        f["find_exp"] = (c, v, a, _) => Items(v).FirstOrDefault(i => Test(c, i, Arg(a, 0), Arg(a, 1)));
        f["find_index_exp"] = (c, v, a, _) => Items(v).FindIndex(i => Test(c, i, Arg(a, 0), Arg(a, 1))) is var x and >= 0 ? (double)x : null;
        f["has_exp"] = (c, v, a, _) => Items(v).Any(i => Test(c, i, Arg(a, 0), Arg(a, 1)));
        f["group_by_exp"] = (c, v, a, _) =>
        {
            var groups = new List<(object? Name, List<object?> Items)>();
            foreach (var item in Items(v))
            {
                var key = Evaluate(c, item, Arg(a, 0), Arg(a, 1));
                var index = groups.FindIndex(g => LiquidValues.Equals(g.Name, key));
                if (index < 0) groups.Add((key, [item])); else groups[index].Items.Add(item);
            }
            return groups.Select(g => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["name"] = g.Name, ["items"] = g.Items }).ToList();
        };

        // Values
        f["default"] = (_, v, a, k) =>
        {
            var allowFalse = k is not null && k.TryGetValue("allow_false", out var af) && LiquidValues.IsTruthy(af);
            var empty = v is null || (v is bool b && !b && !allowFalse) || LiquidValues.IsEmpty(v) && v is string or List<object?>;
            return empty ? Arg(a, 0) : v;
        };
        f["json"] = (_, v, a, _) => v is Undefined ? "" : JsJson.Stringify(v, a.Length > 0 ? a[0] : null);
        f["jsonify"] = f["json"];
        f["raw"] = (_, v, _, _) => v;
        f["inspect"] = f["json"];
        f["to_integer"] = (_, v, _, _) => Math.Truncate(Num(v));

        // Dates
        f["date"] = (c, v, a, _) => DateFilter.Format(c, v, a.Length > 0 ? a[0] : null, a.Length > 1 ? a[1] ?? 0d : null);
        f["date_to_xmlschema"] = (c, v, _, _) => DateFilter.Format(c, v, "%Y-%m-%dT%H:%M:%S%:z", null);
        f["date_to_rfc822"] = (c, v, _, _) => DateFilter.Format(c, v, "%a, %d %b %Y %H:%M:%S %z", null);
        f["date_to_string"] = (c, v, _, _) => DateFilter.Format(c, v, "%d %b %Y", null);
        f["date_to_long_string"] = (c, v, _, _) => DateFilter.Format(c, v, "%d %B %Y", null);
        return f;
    }
}
