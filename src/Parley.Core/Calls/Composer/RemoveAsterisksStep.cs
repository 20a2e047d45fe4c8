using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 13: removes every remaining asterisk.</summary>
public sealed partial class RemoveAsterisksStep() : RegexFormatStep("removeAsterisks", "stripAsterisk", Pattern())
{
    [GeneratedRegex(@"\*")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return "";
    }
}
