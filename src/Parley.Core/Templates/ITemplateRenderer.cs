using System.Text.Json.Nodes;

namespace Parley.Core.Templates;

/// <summary>Renders a Liquid template over a scope; the one engine behind every <c>{{...}}</c> in Parley.</summary>
public interface ITemplateRenderer
{
    /// <summary>Renders the template; throws a Parley.Liquid exception (parse, render or limit) on failure.</summary>
    string Render(string template, JsonObject? scope);
}
