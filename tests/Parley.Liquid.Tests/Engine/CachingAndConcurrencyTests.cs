using System.Text.Json.Nodes;

namespace Parley.Liquid.Tests.Engine;

public sealed class CachingAndConcurrencyTests
{
    [Fact]
    public void Parsing_the_same_source_twice_returns_the_cached_template()
    {
        var engine = new LiquidEngine();
        var first = engine.Parse("Hello {{ name }}");
        var second = engine.Parse("Hello {{ name }}");
        Assert.Same(first, second);
        Assert.Equal(1, engine.CachedTemplateCount);
    }

    [Fact]
    public void Different_sources_get_different_templates()
    {
        var engine = new LiquidEngine();
        Assert.NotSame(engine.Parse("{{ a }}"), engine.Parse("{{ b }}"));
        Assert.Equal(2, engine.CachedTemplateCount);
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxCachedTemplates = 10 });
        for (int i = 0; i < 25; i++) engine.Parse("{{ x }}" + i);
        Assert.True(engine.CachedTemplateCount <= 10);
    }

    [Fact]
    public void Parse_errors_are_reported_as_LiquidParseException()
    {
        var engine = new LiquidEngine();
        Assert.Throws<LiquidParseException>(() => engine.Parse("{% if true %}never closed"));
    }

    [Fact]
    public void One_template_renders_concurrently_with_independent_scopes()
    {
        var engine = new LiquidEngine();
        var template = engine.Parse("{% assign total = 0 %}{% for i in items %}{% assign total = total | plus: i %}{% endfor %}{{ name }}={{ total }}");
        var results = new string[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            for (int round = 0; round < 50; round++)
            {
                var scope = new JsonObject { ["name"] = "n" + i, ["items"] = new JsonArray(i, 1, 2) };
                results[i] = engine.Render(template, scope);
            }
        });
        for (int i = 0; i < results.Length; i++) Assert.Equal($"n{i}={i + 3}", results[i]);
    }

    [Fact]
    public void Rendering_does_not_change_the_callers_scope()
    {
        var engine = new LiquidEngine();
        var scope = new JsonObject { ["c"] = 5 };
        Assert.Equal("56", engine.Render("{% increment c %}{% increment c %}", scope));
        Assert.Equal(5, scope["c"]!.GetValue<int>());
    }
}
