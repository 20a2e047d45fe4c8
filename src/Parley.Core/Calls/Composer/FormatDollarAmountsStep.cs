using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 7: <c>$42.50</c> becomes "forty two dollars and fifty cents".</summary>
public sealed partial class FormatDollarAmountsStep() : RegexFormatStep("formatDollarAmounts", "dollarAmount", Pattern())
{
    [GeneratedRegex(@"\$(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        if (!long.TryParse(match.Groups[1].Value.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out long dollars))
            return match.Value;
        string centsText = match.Groups[2].Value;
        int cents = centsText.Length == 0 ? 0 : int.Parse(centsText.Length == 1 ? centsText + "0" : centsText, CultureInfo.InvariantCulture);
        string dollarPart = $"{NumberWords.ToWords(dollars)} {(dollars == 1 ? "dollar" : "dollars")}";
        if (cents == 0) return dollarPart;
        string centPart = $"{NumberWords.ToWords(cents)} {(cents == 1 ? "cent" : "cents")}";
        return dollars == 0 ? centPart : $"{dollarPart} and {centPart}";
    }
}
