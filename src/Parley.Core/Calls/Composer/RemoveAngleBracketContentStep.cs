using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 1: removes <c>&lt;...&gt;</c> tags but keeps double-angle <c>&lt;&lt;...&gt;&gt;</c> and SSML break/spell tags voices understand.</summary>
public sealed partial class RemoveAngleBracketContentStep() : RegexFormatStep("removeAngleBracketContent", null, Pattern())
{
    [GeneratedRegex(@"<<[^<>]*>>|<[^<>]*>")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        string tag = match.Value;
        if (tag.StartsWith("<<")) return tag;
        var inner = tag.AsSpan(1, tag.Length - 2).Trim().TrimStart('/').TrimStart();
        return inner.StartsWith("break", StringComparison.OrdinalIgnoreCase) || inner.StartsWith("spell", StringComparison.OrdinalIgnoreCase) ? tag : "";
    }
}
