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
