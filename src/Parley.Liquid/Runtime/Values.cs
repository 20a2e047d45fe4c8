using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Liquid.Runtime;

/// <summary>
/// The value model: null (nil/undefined), bool, double, string, List&lt;object?&gt; and LiquidMap,
/// with the JavaScript coercions LiquidJS applies.
/// </summary>
internal static class Values
{
    public static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null: return null;
            case JsonObject o:
                var map = new LiquidMap(o.Count);
                foreach (var kv in o) map[kv.Key] = FromJson(kv.Value);
                return map;
            case JsonArray a:
                var list = new List<object?>(a.Count);
                foreach (var item in a) list.Add(FromJson(item));
                return list;
            default:
                var v = (JsonValue)node;
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: return v.GetValue<string>();
                    case JsonValueKind.Number: return v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                    case JsonValueKind.True: return true;
                    case JsonValueKind.False: return false;
                    default: return null;
                }
        }
    }

    public static bool IsTruthy(object? v) => v is not null && v is not false;

    public static string ToOutput(object? v)
    {
        switch (v)
        {
            case null: return "";
            case string s: return s;
            case double d: return JsNumber.Format(d);
            case bool b: return b ? "true" : "false";
            case List<object?> l:
                var sb = new StringBuilder();
                AppendFlat(sb, l);
                return sb.ToString();
            case LiquidMap: return "[object Object]";
            default: return v.ToString() ?? "";
        }
    }

    static void AppendFlat(StringBuilder sb, List<object?> l)
    {
        foreach (var x in l)
        {
            if (x is List<object?> inner) AppendFlat(sb, inner);
            else sb.Append(ToOutput(x));
        }
    }

    public static void Write(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null: return;
            case string s: sb.Append(s); return;
            case List<object?> l: AppendFlat(sb, l); return;
            default: sb.Append(ToOutput(v)); return;
        }
    }

    /// <summary>JS String(v): arrays join with commas, as used by string filters.</summary>
    public static string ToJsString(object? v) => v switch
    {
        null => "",
        string s => s,
        List<object?> l => string.Join(",", l.Select(x => x is null ? "" : ToJsString(x))),
        _ => ToOutput(v),
    };

    /// <summary>JS Number(v).</summary>
    public static double ToNumber(object? v) => v switch
    {
        null => 0,
        double d => d,
        bool b => b ? 1 : 0,
        string s => JsNumber.Parse(s),
        List<object?> l => l.Count == 0 ? 0 : l.Count == 1 ? ToNumber(ToJsString(l[0])) : double.NaN,
        _ => double.NaN,
    };

    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => x == y,
        (string x, string y) => x == y,
        (bool x, bool y) => x == y,
        _ => ReferenceEquals(a, b),
    };

    public static bool LiquidEquals(object? a, object? b)
    {
        if (a is SpecialValue sa) return sa.Matches(b);
        if (b is SpecialValue sb) return sb.Matches(a);
        if (a is List<object?> la && b is List<object?> lb)
        {
            if (la.Count != lb.Count) return false;
            for (int i = 0; i < la.Count; i++) if (!LiquidEquals(la[i], lb[i])) return false;
            return true;
        }
        return StrictEquals(a, b);
    }

    /// <summary>JS abstract relational comparison; returns null when the result is undefined (NaN).</summary>
    public static int? Compare(object? a, object? b)
    {
        if (a is SpecialValue || b is SpecialValue || a is null || b is null) return null;
        var pa = ToPrimitive(a); var pb = ToPrimitive(b);
        if (pa is string x && pb is string y) return string.CompareOrdinal(x, y);
        double na = ToNumber(pa), nb = ToNumber(pb);
        if (double.IsNaN(na) || double.IsNaN(nb)) return null;
        return na.CompareTo(nb);
    }

    static object? ToPrimitive(object? v) => v switch
    {
        List<object?> l => ToJsString(l),
        LiquidMap => "[object Object]",
        _ => v,
    };

    public static bool Contains(object? a, object? b)
    {
        if (a is string s)
        {
            if (b is null) return false;
            return s.Contains(ToJsString(b), StringComparison.Ordinal);
        }
        if (a is List<object?> l)
        {
            foreach (var x in l) if (StrictEquals(x, b)) return true;
        }
        return false;
    }

    public static bool IsEmpty(object? v) => v switch
    {
        SpecialValue => true,
        string s => s.Length == 0,
        List<object?> l => l.Count == 0,
        LiquidMap m => m.Count == 0,
        _ => false,
    };

    public static bool IsBlank(object? v) => v switch
    {
        null => true,
        false => true,
        string s => string.IsNullOrWhiteSpace(s),
        List<object?> l => l.Count == 0,
        LiquidMap m => m.Count == 0,
        _ => false,
    };

    public static object? ReadProperty(object? obj, object? key)
    {
        if (key is Syntax.MissingKey) return null;
        switch (obj)
        {
            case LiquidMap m:
            {
                var k = key is string ks ? ks : ToOutput(key);
                if (m.TryGetValue(k, out var v)) return v;
                if (k == "size") return (double)m.Count;
                return null;
            }
            case List<object?> l:
            {
                if (key is double d) return IndexList(l, d);
                if (key is string k)
                {
                    switch (k)
                    {
                        case "size": case "length": return (double)l.Count;
                        case "first": return l.Count > 0 ? l[0] : null;
                        case "last": return l.Count > 0 ? l[^1] : null;
                    }
                    if (k.Length > 0 && k.All(char.IsAsciiDigit)) return IndexList(l, double.Parse(k, System.Globalization.CultureInfo.InvariantCulture));
                }
                return null;
            }
            case string s:
            {
                if (key is string k)
                {
                    if (k == "size" || k == "length") return (double)s.Length;
                    if (k.Length > 0 && k.All(char.IsAsciiDigit)) return IndexString(s, double.Parse(k));
                    return null;
                }
                if (key is double d) return IndexString(s, d);
                return null;
            }
            case ForLoopState f: return key is string fk ? f.Get(fk) : null;
            case TableRowState t: return key is string tk ? t.Get(tk) : null;
            default: return null;
        }
    }

    static object? IndexList(List<object?> l, double d)
    {
        if (d != Math.Floor(d)) return null;
        if (d < 0) d += l.Count;
        return d >= 0 && d < l.Count ? l[(int)d] : null;
    }

    static object? IndexString(string s, double d)
    {
        if (d != Math.Floor(d) || d < 0 || d >= s.Length) return null;
        return s[(int)d].ToString();
    }

    public static List<object?> ToList(object? v) => v switch
    {
        null => [],
        List<object?> l => l,
        _ => [v],
    };
}

/// <summary>The <c>empty</c> and <c>blank</c> literals, which compare by meaning rather than identity.</summary>
internal sealed class SpecialValue(bool blank)
{
    public static readonly SpecialValue Empty = new(false);
    public static readonly SpecialValue Blank = new(true);
    public bool Matches(object? other) => other is SpecialValue ? false : blank ? Values.IsBlank(other) : Values.IsEmpty(other);
    public override string ToString() => "";
}
