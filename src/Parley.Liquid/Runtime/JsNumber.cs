using System.Globalization;

namespace Parley.Liquid.Runtime;

/// <summary>Formats doubles exactly as JavaScript's Number.prototype.toString does (LiquidJS prints numbers this way).</summary>
public static class JsNumber
{
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return "0";
        // Whole numbers below 2^53 print as plain integers in JavaScript: the common case, done without parsing digits.
        if (Math.Abs(value) < 9007199254740992d && value == Math.Floor(value))
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        if (value < 0) return "-" + Format(-value);

        // Shortest round-trip digits and decimal exponent, then JS's layout rules (ECMA-262 Number::toString).
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var k = digits.Length;
        var n = exponent + 1;
        if (k <= n && n <= 21) return digits + new string('0', n - k);
        if (0 < n && n <= 21) return digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + digits;
        var e = n - 1;
        var sign = e < 0 ? "-" : "+";
        var mantissa = k == 1 ? digits : digits[0] + "." + digits[1..];
        return $"{mantissa}e{sign}{Math.Abs(e)}";
    }

    /// <summary>Digits without leading/trailing zeros and the exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var exponent = 0;
        var ePos = text.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exponent = int.Parse(text[(ePos + 1)..], CultureInfo.InvariantCulture);
            text = text[..ePos];
        }
        var dot = text.IndexOf('.');
        string integer = dot >= 0 ? text[..dot] : text, fraction = dot >= 0 ? text[(dot + 1)..] : "";
        var all = integer + fraction;
        var pointPosition = integer.Length + exponent;
        var firstNonZero = 0;
        while (firstNonZero < all.Length - 1 && all[firstNonZero] == '0') firstNonZero++;
        var digits = all[firstNonZero..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, pointPosition - firstNonZero - 1);
    }
}
