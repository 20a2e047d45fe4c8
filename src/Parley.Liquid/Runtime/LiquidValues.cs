using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Liquid.Runtime;

/// <summary>
/// The value model templates run on — null, bool, double, string, List&lt;object?&gt;, ordered dictionaries and
/// ranges — with LiquidJS's conversions, truthiness, equality and printing.
/// </summary>
public static class LiquidValues
{
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => FromObject(o),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    private static OrderedDictionary<string, object?> FromObject(JsonObject obj)
    {
        var dictionary = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj) dictionary[key] = FromJson(value);
        return dictionary;
    }

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        LiquidSpecial => false,
        _ => true,
    };

    /// <summary>What <c>{{ value }}</c> prints: arrays flattened and joined, objects as <c>[object Object]</c>.</summary>
    public static string ToOutput(object? value)
    {
        switch (value)
        {
            case null: return "";
            case string s: return s;
            case bool b: return b ? "true" : "false";
            case double d: return JsNumber.Format(d);
            case LiquidRange r: return string.Concat(r.Items().Select(ToOutput));
            case List<object?> list:
                var builder = new StringBuilder();
                foreach (var item in list) builder.Append(ToOutput(item));
                return builder.ToString();
            case LiquidSpecial: return "";
            default: return "[object Object]";
        }
    }

    /// <summary>JavaScript's String(value), as filters that coerce to string use it (arrays join with commas).</summary>
    public static string ToJsString(object? value) => value switch
    {
        null => "",
        List<object?> list => string.Join(",", list.Select(i => i is null ? "" : ToJsString(i))),
        LiquidRange r => string.Join(",", r.Items().Select(ToJsString)),
        _ => ToOutput(value),
    };

    public static bool IsEmpty(object? value) => value switch
    {
        string s => s.Length == 0,
        List<object?> l => l.Count == 0,
        OrderedDictionary<string, object?> d => d.Count == 0,
        LiquidRange r => r.Count == 0,
        _ => false,
    };

    public static bool IsBlank(object? value) => value switch
    {
        null => true,
        bool b => !b,
        string s => string.IsNullOrWhiteSpace(s),
        _ => IsEmpty(value),
    };

    public static new bool Equals(object? left, object? right)
    {
        if (left is LiquidSpecial ls) return ls == LiquidSpecial.Empty ? IsEmpty(right) : IsBlank(right);
        if (right is LiquidSpecial rs) return rs == LiquidSpecial.Empty ? IsEmpty(left) : IsBlank(left);
        return (left, right) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (double a, double b) => a == b,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (bool a, bool b) => a == b,
            (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(p => Equals(p.First, p.Second)),
            _ => ReferenceEquals(left, right),
        };
    }

    /// <summary>Ordering for &lt; &gt; &lt;= &gt;=; null when the values cannot be compared (JS gives false).</summary>
    public static int? Compare(object? left, object? right) => (left, right) switch
    {
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        (double a, string b) when double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var nb) => a.CompareTo(nb),
        (string a, double b) when double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var na) => na.CompareTo(b),
        _ => null,
    };

    public static bool Contains(object? container, object? item) => container switch
    {
        string s => item is not null && s.Contains(ToOutput(item), StringComparison.Ordinal),
        List<object?> list => list.Any(element => Equals(element, item)),
        _ => false,
    };

    /// <summary>Sizes count UTF-16 code units, as JavaScript's length does.</summary>
    public static object? Size(object? value) => value switch
    {
        string s => (double)s.Length,
        List<object?> l => (double)l.Count,
        OrderedDictionary<string, object?> d => (double)d.Count,
        LiquidRange r => (double)r.Count,
        _ => null,
    };

    public static List<object?> ToList(object? value) => value switch
    {
        null => [],
        List<object?> list => list,
        LiquidRange r => r.Items().ToList(),
        OrderedDictionary<string, object?> d => d.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList(),
        _ => [value],
    };

    /// <summary>JavaScript's Number(value) as the math filters use it (NaN when not numeric).</summary>
    public static double ToNumber(object? value) => value switch
    {
        null => 0,
        double d => d,
        bool b => b ? 1 : 0,
        string s when s.Trim().Length == 0 => 0,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN,
        List<object?> { Count: 0 } => 0,
        List<object?> { Count: 1 } l => ToNumber(l[0]),
        _ => double.NaN,
    };

    /// <summary>
    /// The number the math filters use: JavaScript's Number(value), with strings that are not numbers read as 0
    /// (LiquidJS: <c>"12abc" | plus: 1</c> is 1, <c>"0x10" | plus: 1</c> is 17).
    /// </summary>
    public static double ToFilterNumber(object? value)
    {
        var number = value is string s ? JsStringToNumber(s) : ToNumber(value);
        return double.IsNaN(number) ? 0 : number;
    }

    /// <summary>JavaScript's Number(string): trimmed, empty is 0, hex/octal/binary prefixes, Infinity.</summary>
    public static double JsStringToNumber(string text)
    {
        var s = text.Trim();
        if (s.Length == 0) return 0;
        if (s.Length > 2 && s[0] == '0' && (s[1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (s[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            try { return Convert.ToInt64(s[2..], radix); }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException) { return double.NaN; }
        }
        if (s is "Infinity" or "+Infinity") return double.PositiveInfinity;
        if (s == "-Infinity") return double.NegativeInfinity;
        foreach (var c in s)
            if (!(char.IsDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')) return double.NaN;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN;
    }

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : null,
        bool b => JsonValue.Create(b),
        List<object?> l => new JsonArray(l.Select(ToJson).ToArray()),
        LiquidRange r => new JsonArray(r.Items().Select(ToJson).ToArray()),
        OrderedDictionary<string, object?> d => new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        _ => null,
    };
}
