using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Core.Text;

/// <summary>
/// Builds .NET regexes that behave like the JavaScript RegExps Vapi evaluates (rejection plans, custom endpointing
/// rules, replacements, the spec's own patterns): a leading inline-flag group such as <c>(?i)</c> becomes options,
/// JS-only syntax is rewritten, ECMAScript matching (ASCII <c>\d</c>/<c>\w</c>) is used whenever the pattern allows
/// it, and every regex has a match timeout because user patterns can backtrack badly.
/// </summary>
public static class JsRegex
{
    /// <summary>The default bound on one match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The compiled pattern, or throws ArgumentException when it is not a valid expression.</summary>
    public static Regex Create(string pattern, RegexOptions options = RegexOptions.None, bool wholeWord = false, TimeSpan? timeout = null) =>
        TryCreate(pattern, out var regex, out var error, options, wholeWord, timeout) ? regex : throw new ArgumentException(error, nameof(pattern));

    public static bool TryCreate(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error,
        RegexOptions options = RegexOptions.None, bool wholeWord = false, TimeSpan? timeout = null)
    {
        var (body, inline) = TakeLeadingFlags(pattern);
        options |= inline;
        if (wholeWord) body = $@"\b(?:{body})\b";
        var multiline = (options & RegexOptions.Multiline) != 0;
        var limit = timeout ?? MatchTimeout;
        if ((options & ~(RegexOptions.IgnoreCase | RegexOptions.Multiline)) == 0)
        {
            try
            {
                regex = new Regex(Rewrite(body, multiline, asciiClasses: false), options | RegexOptions.ECMAScript | RegexOptions.CultureInvariant, limit);
                error = null;
                return true;
            }
            catch (ArgumentException)
            {
                // Constructs such as lookbehind, named groups or \p{..} are valid in modern JS but not in .NET's ECMAScript mode.
            }
        }
        try
        {
            regex = new Regex(Rewrite(body, multiline, asciiClasses: true), options | RegexOptions.CultureInvariant, limit);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            regex = null;
            error = $"invalid regex '{pattern}': {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// A JavaScript regex literal (<c>/body/flags</c>, or a bare body) with its literal form as class-validator prints
    /// it; null when it cannot be compiled.
    /// </summary>
    public static (Regex Regex, string Literal)? FromLiteral(string literal)
    {
        var body = literal;
        var flags = "";
        if (literal.Length > 1 && literal[0] == '/' && literal.LastIndexOf('/') > 0)
        {
            var end = literal.LastIndexOf('/');
            body = literal[1..end];
            flags = literal[(end + 1)..];
        }
        var options = (flags.Contains('i') ? RegexOptions.IgnoreCase : 0)
            | (flags.Contains('m') ? RegexOptions.Multiline : 0)
            | (flags.Contains('s') ? RegexOptions.Singleline : 0);
        return TryCreate(body, out var regex, out _, options) ? (regex, $"/{body}/{flags}") : null;
    }

    /// <summary><c>RegExp.test</c>: substring match; a timed-out match counts as no match.</summary>
    public static bool Test(Regex regex, string? input)
    {
        if (input is null) return false;
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
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
