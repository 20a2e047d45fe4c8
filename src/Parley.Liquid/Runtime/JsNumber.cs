using System.Globalization;

namespace Parley.Liquid.Runtime;

/// <summary>JavaScript Number-to-string and string-to-Number conversions, which LiquidJS output depends on.</summary>
internal static class JsNumber
{
    public static string Format(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return "0";
        if (d == Math.Floor(d) && Math.Abs(d) < 1e15) return ((long)d).ToString(CultureInfo.InvariantCulture);
        // "R" gives the shortest round-trip digits; re-lay them out with ECMAScript's Number::toString rules.
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        // without an exponent .NET's shortest round-trip text is already what JS prints
        if (r.IndexOf('E') < 0) return r;
        bool neg = r[0] == '-';
        if (neg) r = r.Substring(1);
        int exp = 0;
        int e = r.IndexOfAny(['E', 'e']);
        string mant = r;
        if (e >= 0) { exp = int.Parse(r.AsSpan(e + 1), CultureInfo.InvariantCulture); mant = r.Substring(0, e); }
        int dot = mant.IndexOf('.');
        string digits;
        int pointPos;
        if (dot >= 0) { digits = mant.Remove(dot, 1); pointPos = dot; }
        else { digits = mant; pointPos = mant.Length; }
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') { lead++; pointPos--; }
        digits = digits.Substring(lead).TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int n = pointPos + exp;
        int k = digits.Length;
        string s;
        if (k <= n && n <= 21) s = digits + new string('0', n - k);
        else if (0 < n && n <= 21) s = digits.Substring(0, n) + "." + digits.Substring(n);
        else if (-6 < n && n <= 0) s = "0." + new string('0', -n) + digits;
        else
        {
            int e1 = n - 1;
            string es = e1 >= 0 ? "+" + e1.ToString(CultureInfo.InvariantCulture) : e1.ToString(CultureInfo.InvariantCulture);
            s = k == 1 ? digits + "e" + es : digits[0] + "." + digits.Substring(1) + "e" + es;
        }
        return neg ? "-" + s : s;
    }

    /// <summary>JS <c>Number(str)</c>: whitespace-trimmed decimal, hex, Infinity; empty is 0; anything else NaN.</summary>
    public static double Parse(string s)
    {
        var t = s.AsSpan().Trim();
        if (t.Length == 0) return 0;
        if (t.Length > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
            return long.TryParse(t.Slice(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : double.NaN;
        if (t.SequenceEqual("Infinity") || t.SequenceEqual("+Infinity")) return double.PositiveInfinity;
        if (t.SequenceEqual("-Infinity")) return double.NegativeInfinity;
        foreach (var c in t) if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')) return double.NaN;
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
    }

    /// <summary>JS <c>parseFloat</c>: the longest numeric prefix, NaN when there is none.</summary>
    public static double ParseFloatPrefix(string s)
    {
        var t = s.AsSpan().TrimStart();
        int i = 0;
        if (i < t.Length && (t[i] == '+' || t[i] == '-')) i++;
        if (t.Slice(i).StartsWith("Infinity")) return t[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        int start = i; bool digits = false;
        while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; digits = true; }
        if (i < t.Length && t[i] == '.') { i++; while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; digits = true; } }
        if (!digits) return double.NaN;
        if (i < t.Length && (t[i] == 'e' || t[i] == 'E'))
        {
            int j = i + 1;
            if (j < t.Length && (t[j] == '+' || t[j] == '-')) j++;
            if (j < t.Length && char.IsAsciiDigit(t[j])) { while (j < t.Length && char.IsAsciiDigit(t[j])) j++; i = j; }
        }
        _ = start;
        return double.Parse(t.Slice(0, i), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
