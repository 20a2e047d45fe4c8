using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Base for steps that are one regex and one replacement rule.</summary>
public abstract class RegexFormatStep(string name, string? formatterKey, Regex pattern) : IFormatStep
{
    public string Name => name;

    public string? FormatterKey => formatterKey;

    public string Apply(string text) => pattern.Replace(text, Replace);

    protected abstract string Replace(Match match);
}
