using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>
/// Step 6: known acronyms said as words are lower-cased (NASA → nasa) so voices do not spell them; unknown
/// all-caps words without vowels are spaced out letter by letter (NYC → N Y C); others are left alone.
/// </summary>
public sealed partial class FormatAcronymsStep() : RegexFormatStep("formatAcronyms", "acronym", Pattern())
{
    private static readonly HashSet<string> SaidAsWords = new(StringComparer.Ordinal)
    {
        "NASA", "NATO", "NET", "UNESCO", "UNICEF", "OPEC", "FIFA", "LASER", "RADAR", "SCUBA", "GIF", "JPEG", "PIN", "SIM",
        "AIDS", "ASAP", "COVID", "IKEA", "LOL", "POTUS", "SWAT", "TESOL", "ZIP",
    };

    [GeneratedRegex(@"\b[A-Z]{2,}\b")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        string word = match.Value;
        if (SaidAsWords.Contains(word)) return word.ToLowerInvariant();
        if (word.AsSpan().IndexOfAny("AEIOU") >= 0) return word;
        return string.Join(' ', word.ToCharArray());
    }
}
