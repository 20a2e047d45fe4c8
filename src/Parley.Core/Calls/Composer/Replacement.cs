namespace Parley.Core.Calls.Composer;

/// <summary>
/// A formatPlan.replacements entry: <c>exact</c> (Key → Value, first occurrence unless ReplaceAllEnabled) or
/// <c>regex</c> (every match of Regex, JavaScript semantics, <c>$1</c> group references).
/// </summary>
public sealed record Replacement
{
    public required string Type { get; init; }
    public string? Key { get; init; }
    public string? Regex { get; init; }
    public required string Value { get; init; }
    public bool ReplaceAllEnabled { get; init; }
    public Turns.RegexFlags Options { get; init; }

    public static Replacement Exact(string key, string value, bool replaceAll = false) =>
        new() { Type = "exact", Key = key, Value = value, ReplaceAllEnabled = replaceAll };

    public static Replacement Pattern(string regex, string value, Turns.RegexFlags options = Turns.RegexFlags.None) =>
        new() { Type = "regex", Regex = regex, Value = value, Options = options };
}
