using System.Text.Json.Nodes;

namespace Parley.Liquid.Tests;

/// <summary>
/// No template can hang or exhaust the server: loop iterations, output size, nesting depth and render time are
/// bounded, each ending in a clear error that names the limit.
/// </summary>
public sealed class LimitsTests
{
    [Fact]
    public void Loop_iterations_are_bounded()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxLoopIterations = 1000 });
        var error = Assert.Throws<LiquidLimitExceededException>(() =>
            engine.Render("{% for a in (1..100) %}{% for b in (1..100) %}x{% endfor %}{% endfor %}", null));
        Assert.Equal("Liquid render exceeded 1,000 loop iterations", error.Message);
        Assert.Equal(new string('x', 900), engine.Render("{% for a in (1..30) %}{% for b in (1..30) %}x{% endfor %}{% endfor %}", null));
    }

    [Fact]
    public void Output_size_is_bounded_including_captures()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxOutputLength = 10_000 });
        var error = Assert.Throws<LiquidLimitExceededException>(() =>
            engine.Render("{% capture big %}{% for i in (1..5000) %}abc{% endfor %}{% endcapture %}", null));
        Assert.Contains("output limit of 10,000 characters", error.Message);
    }

    [Fact]
    public void Exponential_string_growth_is_stopped()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxOutputLength = 100_000 });
        var template = "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}";
        Assert.Throws<LiquidLimitExceededException>(() => engine.Render(template, null));
    }

    [Fact]
    public void Nesting_depth_is_bounded()
    {
        var engine = new LiquidEngine(new LiquidOptions { MaxDepth = 50 });
        var deep = string.Concat(Enumerable.Repeat("{% if true %}", 60)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 60));
        var error = Assert.Throws<LiquidLimitExceededException>(() => engine.Render(deep, null));
        Assert.Contains("deeper than the limit of 50", error.Message);
        var shallow = string.Concat(Enumerable.Repeat("{% if true %}", 40)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 40));
        Assert.Equal("x", engine.Render(shallow, null));
    }

    [Fact]
    public void Render_time_is_bounded_on_the_injected_clock()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(1));
        var engine = new LiquidEngine(new LiquidOptions { Clock = clock, MaxRenderTime = TimeSpan.FromMilliseconds(100) });
        var error = Assert.Throws<LiquidLimitExceededException>(() => engine.Render("{% for i in (1..100000) %}{% endfor %}", null));
        Assert.Equal("Liquid render exceeded the time limit of 100 ms", error.Message);
    }

    [Fact]
    public void Parses_are_cached_and_renders_run_concurrently()
    {
        var engine = new LiquidEngine();
        var template = engine.Parse("Hello {{ name | upcase }}");
        Assert.Same(template, engine.Parse("Hello {{ name | upcase }}"));
        var results = new string[2000];
        Parallel.For(0, results.Length, i => results[i] = engine.Render(template, new JsonObject { ["name"] = $"n{i}" }));
        for (var i = 0; i < results.Length; i++) Assert.Equal($"Hello N{i}", results[i]);
    }

    [Fact]
    public void Parse_errors_are_LiquidParseExceptions()
    {
        var engine = new LiquidEngine();
        Assert.Throws<LiquidParseException>(() => engine.Render("{% if x %}never closed", null));
        Assert.Throws<LiquidParseException>(() => engine.Render("{% nosuchtag %}", null));
        Assert.Throws<LiquidParseException>(() => engine.Render("{{ 'unclosed }}", null));
    }

    /// <summary>A clock whose timestamp advances by a fixed step every time it is read.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }
}
