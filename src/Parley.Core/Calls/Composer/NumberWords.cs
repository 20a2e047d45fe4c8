using System.Text;

namespace Parley.Core.Calls.Composer;

/// <summary>English number words as TTS voices read them best: "forty two", "one hundred five" (no hyphens, no "and").</summary>
public static class NumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Value, string Name)[] Scales =
    [
        // Up to quintillion: every long has words (a quadrillion-dollar amount threw, and the reply went silent).
        (1_000_000_000_000_000_000, "quintillion"), (1_000_000_000_000_000, "quadrillion"),
        (1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"),
    ];

    public static string ToWords(long number)
    {
        if (number == 0) return "zero";
        // The one long whose negation does not fit a long.
        if (number == long.MinValue) return "minus " + SpaceDigits(long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var words = new StringBuilder();
        if (number < 0)
        {
            words.Append("minus ");
            number = -number;
        }
        foreach (var (value, name) in Scales)
        {
            if (number < value) continue;
            AppendBelowThousand(words, (int)(number / value));
            words.Append(' ').Append(name).Append(' ');
            number %= value;
        }
        if (number > 0) AppendBelowThousand(words, (int)number);
        return words.ToString().TrimEnd();
    }

    /// <summary>Each digit as a word: "0.25" decimals read as "two five".</summary>
    public static string DigitsToWords(ReadOnlySpan<char> digits)
    {
        var words = new StringBuilder();
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c)) continue;
            if (words.Length > 0) words.Append(' ');
            words.Append(Small[c - '0']);
        }
        return words.ToString();
    }

    /// <summary>Digits separated by spaces ("12345" → "1 2 3 4 5") so the voice reads them one by one.</summary>
    public static string SpaceDigits(ReadOnlySpan<char> digits)
    {
        var spaced = new StringBuilder();
        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c)) continue;
            if (spaced.Length > 0) spaced.Append(' ');
            spaced.Append(c);
        }
        return spaced.ToString();
    }

    private static void AppendBelowThousand(StringBuilder words, int n)
    {
        if (n >= 100)
        {
            words.Append(Small[n / 100]).Append(" hundred");
            n %= 100;
            if (n > 0) words.Append(' ');
        }
        if (n >= 20)
        {
            words.Append(Tens[n / 10]);
            if (n % 10 > 0) words.Append(' ').Append(Small[n % 10]);
        }
        else if (n > 0)
        {
            words.Append(Small[n]);
        }
    }
}
