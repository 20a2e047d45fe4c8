using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 11: distance abbreviations are spelled out: <c>5km</c> → "5 kilometers".</summary>
public sealed partial class FormatDistancesStep() : RegexFormatStep("formatDistances", "distance", Pattern())
{
    private static readonly Dictionary<string, (string One, string Many)> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["km"] = ("kilometer", "kilometers"),
        ["mi"] = ("mile", "miles"),
        ["m"] = ("meter", "meters"),
        ["cm"] = ("centimeter", "centimeters"),
        ["mm"] = ("millimeter", "millimeters"),
        ["ft"] = ("foot", "feet"),
        ["yd"] = ("yard", "yards"),
    };

    // A bare "m" only when attached to the number ("5m"): "5 m" is too often something else.
    [GeneratedRegex(@"(?<![\w.])(\d+(?:\.\d+)?)(?:\s?(km|mi|cm|mm|ft|yd)|(m))\b")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        string number = match.Groups[1].Value;
        string unit = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
        var (one, many) = Units[unit];
        return $"{number} {(number == "1" ? one : many)}";
    }
}
