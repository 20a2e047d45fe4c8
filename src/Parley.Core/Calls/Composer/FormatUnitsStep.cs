using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 11: weights and volumes are said in full with the number in words: <c>43 lb</c> → "forty three pounds".</summary>
public sealed partial class FormatUnitsStep() : RegexFormatStep("formatUnits", "unit", Pattern())
{
    private static readonly Dictionary<string, (string One, string Many)> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lb"] = ("pound", "pounds"),
        ["lbs"] = ("pound", "pounds"),
        ["kg"] = ("kilogram", "kilograms"),
        ["g"] = ("gram", "grams"),
        ["mg"] = ("milligram", "milligrams"),
        ["oz"] = ("ounce", "ounces"),
        ["ml"] = ("milliliter", "milliliters"),
    };

    [GeneratedRegex(@"(?<![\w.])(\d+)\s?(lbs|lb|kg|mg|g|oz|ml)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        if (!long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) return match.Value;
        var (one, many) = Units[match.Groups[2].Value];
        return $"{NumberWords.ToWords(n)} {(n == 1 ? one : many)}";
    }
}
