using System.Text.RegularExpressions;
using Parley.Core.Calls.Turns;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 14: the user's formatPlan.replacements, in order. Always runs when formatting is on.</summary>
public sealed class ApplyReplacementsStep : IFormatStep
{
    private readonly (Replacement Rule, Regex? Regex)[] _rules;

    public ApplyReplacementsStep(IEnumerable<Replacement> replacements)
    {
        _rules = replacements.Select(r => (r, r.Type switch
        {
            "exact" => null,
            "regex" => CallRegex.Create(r.Regex ?? throw new ArgumentException("regex replacement has no regex"), r.Options),
            _ => throw new ArgumentException($"unknown replacement type '{r.Type}'"),
        })).ToArray();
    }

    public string Name => "applyReplacements";

    public string? FormatterKey => null;

    public string Apply(string text)
    {
        foreach (var (rule, regex) in _rules)
        {
            if (regex is not null)
            {
                try { text = regex.Replace(text, rule.Value); }
                catch (RegexMatchTimeoutException) { }
                continue;
            }
            if (string.IsNullOrEmpty(rule.Key)) continue;
            if (rule.ReplaceAllEnabled)
            {
                text = text.Replace(rule.Key, rule.Value, StringComparison.Ordinal);
                continue;
            }
            int at = text.IndexOf(rule.Key, StringComparison.Ordinal);
            if (at >= 0) text = string.Concat(text.AsSpan(0, at), rule.Value, text.AsSpan(at + rule.Key.Length));
        }
        return text;
    }
}
