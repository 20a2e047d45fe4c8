using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 3 (off by default): removes phrases wrapped in single or double asterisks, such as stage directions.</summary>
public sealed partial class RemovePhrasesInAsterisksStep() : RegexFormatStep("removePhrasesInAsterisks", "asterisk", Pattern())
{
    [GeneratedRegex(@"\s*\*{1,2}[^*]+?\*{1,2}")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return "";
    }
}
