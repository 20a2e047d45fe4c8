using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Core.Tools.Rules;

/// <summary>
/// Builds a .NET Regex that behaves like a JavaScript RegExp for the patterns users write in Vapi plans:
/// a leading inline-flag group such as <c>(?i)</c> becomes options, JS-only <c>[^]</c> and <c>[]</c> are rewritten,
/// and ECMAScript matching (ASCII <c>\d</c>/<c>\w</c>) is used whenever the pattern allows it.
/// </summary>
public static class JsRegex
{
    /// <summary>How long one match may run before it counts as no match; user patterns can backtrack badly.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The compiled pattern, or throws ArgumentException when it is not a valid expression.</summary>
    public static Regex Create(string pattern)
    {
        var (body, options) = TakeLeadingFlags(pattern);
        body = RewriteJsOnlyClasses(body);
        if ((options & ~(RegexOptions.IgnoreCase | RegexOptions.Multiline)) == 0)
        {
            try
            {
                return new Regex(body, options | RegexOptions.ECMAScript | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException)
            {
                // Constructs such as lookbehind or \p{..} are valid in modern JS but not in .NET's ECMAScript mode.
            }
        }
        return new Regex(body, options | RegexOptions.CultureInvariant, MatchTimeout);
    }

    private static (string Body, RegexOptions Options) TakeLeadingFlags(string pattern)
    {
        var match = Regex.Match(pattern, @"^\(\?([imsx]+)\)");
        if (!match.Success) return (pattern, RegexOptions.None);
        var options = RegexOptions.None;
        foreach (var flag in match.Groups[1].Value)
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                _ => RegexOptions.IgnorePatternWhitespace,
            };
        }
        return (pattern[match.Length..], options);
    }

    /// <summary>JS <c>[^]</c> matches any character and <c>[]</c> matches nothing; .NET reads both as unfinished classes.</summary>
    private static string RewriteJsOnlyClasses(string pattern)
    {
        if (!pattern.Contains("[]") && !pattern.Contains("[^]")) return pattern;
        var builder = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(c).Append(pattern[++i]);
                continue;
            }
            if (!inClass && c == '[')
            {
                if (string.CompareOrdinal(pattern, i, "[^]", 0, 3) == 0)
                {
                    builder.Append(@"[\s\S]");
                    i += 2;
                    continue;
                }
                if (string.CompareOrdinal(pattern, i, "[]", 0, 2) == 0)
                {
                    builder.Append("(?!)");
                    i += 1;
                    continue;
                }
                inClass = true;
            }
            else if (inClass && c == ']')
            {
                inClass = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
