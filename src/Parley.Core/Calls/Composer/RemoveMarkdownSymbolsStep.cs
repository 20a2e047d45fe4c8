using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 2: removes markdown symbols <c>_</c>, backtick and <c>~</c>; asterisks are left for later steps.</summary>
public sealed partial class RemoveMarkdownSymbolsStep() : RegexFormatStep("removeMarkdownSymbols", "markdown", Pattern())
{
    [GeneratedRegex(@"[_`~]")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return "";
    }
}
