namespace Parley.Core.Calls.Turns;

/// <summary>Vapi's RegexOption types (<c>ignore-case</c>, <c>whole-word</c>, <c>multi-line</c>) as flags.</summary>
[Flags]
public enum RegexFlags
{
    None = 0,
    IgnoreCase = 1,
    WholeWord = 2,
    MultiLine = 4,
}

/// <summary>Vapi's regex flags as .NET options (whole-word is a pattern wrap, not an option).</summary>
public static class RegexFlagsExtensions
{
    public static System.Text.RegularExpressions.RegexOptions ToOptions(this RegexFlags flags) =>
        (flags.HasFlag(RegexFlags.IgnoreCase) ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : 0)
        | (flags.HasFlag(RegexFlags.MultiLine) ? System.Text.RegularExpressions.RegexOptions.Multiline : 0);
}
