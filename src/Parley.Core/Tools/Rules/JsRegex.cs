using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Core.Tools.Rules;

/// <summary>
/// Builds a .NET Regex that behaves like a JavaScript RegExp for the patterns users write in Vapi plans:
/// a leading inline-flag group such as <c>(?i)</c> becomes options, JS-only syntax is rewritten, and ECMAScript
/// matching (ASCII <c>\d</c>/<c>\w</c>) is used whenever the pattern allows it.
/// </summary>
public static class JsRegex
{
    /// <summary>How long one match may run before it counts as no match; user patterns can backtrack badly.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The compiled pattern, or throws ArgumentException when it is not a valid expression.</summary>
    public static Regex Create(string pattern)
    {
        var (body, options) = TakeLeadingFlags(pattern);
        var multiline = (options & RegexOptions.Multiline) != 0;
        if ((options & ~(RegexOptions.IgnoreCase | RegexOptions.Multiline)) == 0)
        {
            try
            {
                return new Regex(Rewrite(body, multiline, asciiClasses: false),
                    options | RegexOptions.ECMAScript | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException)
            {
                // Constructs such as lookbehind or \p{..} are valid in modern JS but not in .NET's ECMAScript mode.
            }
        }
        return new Regex(Rewrite(body, multiline, asciiClasses: true), options | RegexOptions.CultureInvariant, MatchTimeout);
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

    /// <summary>
    /// Rewrites what JavaScript reads differently from .NET: <c>[^]</c> (any character), <c>[]</c> (nothing),
    /// <c>$</c> without the m flag (end of input only; .NET also matches before a final newline), and, when
    /// .NET's ECMAScript mode cannot be used, the ASCII-only <c>\d</c> and <c>\w</c> outside classes.
    /// </summary>
    private static string Rewrite(string pattern, bool multiline, bool asciiClasses)
    {
        var builder = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                var ascii = asciiClasses && !inClass ? next switch
                {
                    'd' => "[0-9]",
                    'D' => "[^0-9]",
                    'w' => "[a-zA-Z0-9_]",
                    'W' => "[^a-zA-Z0-9_]",
                    _ => null,
                } : null;
                if (ascii is null) builder.Append(c).Append(next);
                else builder.Append(ascii);
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                builder.Append(c);
                continue;
            }
            if (c == '[' && string.CompareOrdinal(pattern, i, "[^]", 0, 3) == 0)
            {
                builder.Append(@"[\s\S]");
                i += 2;
            }
            else if (c == '[' && string.CompareOrdinal(pattern, i, "[]", 0, 2) == 0)
            {
                builder.Append("(?!)");
                i += 1;
            }
            else if (c == '$' && !multiline)
            {
                builder.Append(@"(?![\s\S])");
            }
            else
            {
                if (c == '[') inClass = true;
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
