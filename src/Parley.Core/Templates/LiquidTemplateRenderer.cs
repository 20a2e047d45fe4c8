using System.Text.Json.Nodes;
using Parley.Liquid;

namespace Parley.Core.Templates;

/// <summary>The template renderer behind every <c>{{...}}</c>: one shared Liquid engine (parse cache, limits).</summary>
public sealed class LiquidTemplateRenderer(LiquidEngine engine) : ITemplateRenderer
{
    public string Render(string template, JsonObject? scope) => engine.Render(template, scope);
}
