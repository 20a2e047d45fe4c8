using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Core.Templates;

/// <summary>
/// Renders text that will be said (fixed messages, tool messages): a template that fails to render is said without
/// its tags rather than read out as code.
/// </summary>
public static partial class SpokenTemplates
{
    /// <param name="scope">Built only when the text holds a template.</param>
    public static string Render(ITemplateRenderer? templates, string text, Func<JsonObject> scope)
    {
        if (templates is null || (!text.Contains("{{") && !text.Contains("{%"))) return text;
        try
        {
            return templates.Render(text, scope());
        }
        catch (Exception)
        {
            return Tags().Replace(text, "").Trim();
        }
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Tags();
}
