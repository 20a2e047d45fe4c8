using System.Text.Json.Nodes;
using Parley.Liquid.Tests.Support;

namespace Parley.Liquid.Tests.Engine;

public sealed class LimitTests
{
    static JsonObject Scope() => new();

    [Fact]
    public void Too_many_loop_iterations_end_with_an_error_naming_the_limit()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxLoopIterations = 1_000 });
        var ex = Assert.Throws<LiquidLimitExceededException>(() =>
            engine.Render("{% for i in (1..100) %}{% for j in (1..100) %}x{% endfor %}{% endfor %}", Scope()));
        Assert.Contains("1,000 loop iterations", ex.Message);
    }

    [Fact]
    public void A_huge_range_is_stopped_before_it_is_materialised()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxLoopIterations = 10_000 });
        Assert.Throws<LiquidLimitExceededException>(() => engine.Render("{% for i in (1..1000000000) %}{% endfor %}", Scope()));
    }

    [Fact]
    public void Loops_under_the_limit_render()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxLoopIterations = 1_000 });
        Assert.Equal("12345", engine.Render("{% for i in (1..5) %}{{ i }}{% endfor %}", Scope()));
    }

    [Fact]
    public void Output_past_the_maximum_length_ends_with_an_error()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxOutputLength = 100 });
        var ex = Assert.Throws<LiquidLimitExceededException>(() =>
            engine.Render("{% for i in (1..50) %}0123456789{% endfor %}", Scope()));
        Assert.Contains("100 characters of output", ex.Message);
    }

    [Fact]
    public void Output_doubled_by_assign_and_append_is_caught()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxOutputLength = 1_000 });
        var template = "{% assign s = \"xxxxxxxxxx\" %}" + string.Concat(Enumerable.Repeat("{% assign s = s | append: s %}", 12)) + "{{ s }}";
        Assert.Throws<LiquidLimitExceededException>(() => engine.Render(template, Scope()));
    }

    [Fact]
    public void Deep_nesting_is_rejected_when_parsing()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxDepth = 10 });
        var source = string.Concat(Enumerable.Repeat("{% if true %}", 20)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 20));
        var ex = Assert.Throws<LiquidLimitExceededException>(() => engine.Parse(source));
        Assert.Contains("nesting depth 10", ex.Message);
    }

    [Fact]
    public void Nesting_within_the_limit_renders()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxDepth = 10 });
        var source = string.Concat(Enumerable.Repeat("{% if true %}", 5)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 5));
        Assert.Equal("x", engine.Render(source, Scope()));
    }

    [Fact]
    public void A_render_that_runs_past_the_time_limit_ends_with_an_error()
    {
        // every timestamp read costs 10 ms of virtual time, so the 64-iteration check trips a 100 ms budget
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch) { StepPerRead = TimeSpan.FromMilliseconds(10) };
        var engine = new LiquidEngine(new LiquidOptions { Clock = clock, MaxRenderTime = TimeSpan.FromMilliseconds(100) });
        var ex = Assert.Throws<LiquidLimitExceededException>(() =>
            engine.Render("{% for i in (1..100000) %}{% endfor %}", Scope()));
        Assert.Contains("100 ms render time", ex.Message);
    }

    [Fact]
    public void A_fast_render_stays_within_the_time_limit()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch) { StepPerRead = TimeSpan.FromMilliseconds(1) };
        var engine = new LiquidEngine(new LiquidOptions { Clock = clock, MaxRenderTime = TimeSpan.FromMilliseconds(100) });
        Assert.Equal("ok", engine.Render("{% for i in (1..10) %}{% endfor %}ok", Scope()));
    }
}
