using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Parley.Core.Text;

namespace Parley.Core.Calls.Turns;

/// <summary>
/// A user's pattern as a call matches it (custom endpointing rules, voice replacements): JavaScript semantics with
/// Vapi's regexOptions, and a bound on every match. One place, so checking an assistant and starting its call agree.
/// </summary>
public static class CallRegex
{
    /// <summary>Matches run on the call's loop: a pathological user pattern may hold it this long at most.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>The compiled pattern, or throws ArgumentException when it is not a valid expression.</summary>
    public static Regex Create(string pattern, RegexFlags flags) =>
        TryCreate(pattern, flags, out var regex, out var error) ? regex : throw new ArgumentException(error, nameof(pattern));

    public static bool TryCreate(string pattern, RegexFlags flags, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error) =>
        JsRegex.TryCreate(pattern, out regex, out error, flags.ToOptions(), flags.HasFlag(RegexFlags.WholeWord), MatchTimeout);
}
