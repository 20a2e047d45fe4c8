using System.Text.RegularExpressions;

namespace Parley.Core.Wire.Schema;

/// <summary>Translates the spec's JavaScript regex literals (<c>/body/flags</c>) to .NET regexes.</summary>
internal static class JsRegex
{
    // Patterns come from the bundled spec, not from users; the timeout only guards against a pathological body.
    static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns the compiled regex and its literal form as class-validator prints it, or null if unusable.</summary>
    public static (Regex Regex, string Literal)? Translate(string pattern)
    {
        var body = pattern;
        var flags = "";
        if (pattern.Length > 1 && pattern[0] == '/' && pattern.LastIndexOf('/') > 0)
        {
            var end = pattern.LastIndexOf('/');
            body = pattern[1..end];
            flags = pattern[(end + 1)..];
        }
        var literal = $"/{body}/{flags}";
        var options = RegexOptions.None;
        if (flags.Contains('i')) options |= RegexOptions.IgnoreCase;
        if (flags.Contains('m')) options |= RegexOptions.Multiline;
        if (flags.Contains('s')) options |= RegexOptions.Singleline;
        // ECMAScript mode gives JS semantics for \d, \w and backreferences but forbids \p{..} (needed by /u patterns).
        if (!flags.Contains('u') && !flags.Contains('s')) options |= RegexOptions.ECMAScript;
        return TryCreate(body, options, literal)
            ?? TryCreate(body, options & ~RegexOptions.ECMAScript | RegexOptions.CultureInvariant, literal);
    }

    /// <summary>The regex literal as it appears in a list of allowed values.</summary>
    public static string Describe(string pattern) => Translate(pattern)?.Literal ?? pattern;

    static (Regex, string)? TryCreate(string body, RegexOptions options, string literal)
    {
        try
        {
            return (new Regex(body, options, MatchTimeout), literal);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
