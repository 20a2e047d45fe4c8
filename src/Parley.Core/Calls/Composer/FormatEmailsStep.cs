using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 8: reads e-mail addresses: <c>@</c> as "at" and <c>.</c> as "dot".</summary>
public sealed partial class FormatEmailsStep() : RegexFormatStep("formatEmails", "email", Pattern())
{
    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return match.Value.Replace(".", " dot ").Replace("@", " at ");
    }
}
