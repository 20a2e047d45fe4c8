using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Turns;

/// <summary>
/// Compiles user regexes written for JavaScript (Vapi evaluates them with <c>RegExp.test</c>) as closely as .NET
/// allows: ECMAScript mode (ASCII <c>\d</c> and <c>\w</c>) when the pattern fits it, else the default engine.
/// Vapi's regexOptions map to flags; a match timeout bounds catastrophic patterns.
/// </summary>
public static class JsRegex
{
    /// <summary>Bounds one match so a pathological user pattern cannot stall a call.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    public static Regex Compile(string pattern, bool ignoreCase = false, bool multiLine = false, bool wholeWord = false) =>
        TryCompile(pattern, out var regex, out var error, ignoreCase, multiLine, wholeWord) ? regex : throw new ArgumentException(error, nameof(pattern));

    public static bool TryCompile(string pattern, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Regex? regex,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error, bool ignoreCase = false, bool multiLine = false, bool wholeWord = false)
    {
        string source = wholeWord ? $@"\b(?:{pattern})\b" : pattern;
        var flags = (ignoreCase ? RegexOptions.IgnoreCase : 0) | (multiLine ? RegexOptions.Multiline : 0);
        try
        {
            regex = new Regex(source, flags | RegexOptions.ECMAScript, MatchTimeout);
            error = null;
            return true;
        }
        catch (ArgumentException)
        {
            // ECMAScript mode rejects constructs modern JavaScript accepts (lookbehind, named groups); retry without it.
        }
        try
        {
            regex = new Regex(source, flags | RegexOptions.CultureInvariant, MatchTimeout);
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
}
