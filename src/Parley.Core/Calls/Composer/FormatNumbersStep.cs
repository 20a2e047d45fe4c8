using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>
/// Step 12: general numbers. Years (1900-2099) stay digits, numbers above formatPlan.numberToDigitsCutoff are
/// read digit by digit ("12345" → "1 2 3 4 5"), the rest become words ("1200" → "twelve hundred"); negatives and
/// decimals are made explicit ("-9" → "minus nine", "2.5" → "two point five").
/// </summary>
public sealed partial class FormatNumbersStep(long numberToDigitsCutoff = FormatPlan.DefaultNumberToDigitsCutoff)
    : RegexFormatStep("formatNumbers", "number", Pattern())
{
    // Digits already spaced out by an earlier step ("1 2 3 4", a phone number) are left as digits.
    [GeneratedRegex(@"(?<![\w.,-]|\d )(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w]|[.,]\d| \d)")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        string digits = match.Groups[2].Value.Replace(",", "");
        bool negative = match.Groups[1].Success;
        string decimals = match.Groups[3].Value;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return NumberWords.SpaceDigits(match.Value);

        string whole;
        if (!negative && decimals.Length == 0 && digits.Length == 4 && value is >= 1900 and <= 2099) whole = digits;
        else if (value > numberToDigitsCutoff) whole = NumberWords.SpaceDigits(digits);
        else whole = Words(value);

        string spoken = decimals.Length == 0 ? whole : $"{whole} point {NumberWords.DigitsToWords(decimals)}";
        return negative ? $"minus {spoken}" : spoken;
    }

    private static string Words(long value) =>
        // "twelve hundred" reads better than "one thousand two hundred" for round hundreds below ten thousand.
        value is > 1000 and < 10000 && value % 100 == 0 && value % 1000 != 0
            ? $"{NumberWords.ToWords(value / 100)} hundred"
            : NumberWords.ToWords(value);
}
