using System.Text.Json.Nodes;
using Parley.Core.Templates;
using Parley.Liquid;

namespace Parley.Core.Tests.Templates;

public sealed class TemplateScopeBuilderTests
{
    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    static readonly DateTimeOffset Noon = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_variables_use_Vapis_formats_in_UTC()
    {
        var scope = new TemplateScopeBuilder(new FixedClock(Noon)).Build();
        Assert.Equal("Jan 1, 2024 12:00 PM", scope["now"]!.GetValue<string>());
        Assert.Equal("Jan 1, 2024", scope["date"]!.GetValue<string>());
        Assert.Equal("12:00 PM", scope["time"]!.GetValue<string>());
        Assert.Equal("January", scope["month"]!.GetValue<string>());
        Assert.Equal("1", scope["day"]!.GetValue<string>());
        Assert.Equal("2024", scope["year"]!.GetValue<string>());
    }

    [Fact]
    public void A_clock_with_an_offset_is_still_shown_in_UTC()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 10, 23, 30, 0, TimeSpan.FromHours(-5)));
        var scope = new TemplateScopeBuilder(clock).Build();
        Assert.Equal("Mar 11, 2024 4:30 AM", scope["now"]!.GetValue<string>());
        Assert.Equal("11", scope["day"]!.GetValue<string>());
    }

    [Fact]
    public void Customer_fields_render_through_liquid()
    {
        var customer = new JsonObject { ["number"] = "+14155550123", ["name"] = "Jane" };
        var scope = new TemplateScopeBuilder(new FixedClock(Noon)).Build(customer);
        var engine = new LiquidEngine();
        Assert.Equal("Jane +14155550123 on Jan 1, 2024", engine.Render("{{ customer.name }} {{ customer.number }} on {{ date }}", scope));
    }

    [Fact]
    public void Variable_values_override_the_defaults()
    {
        var values = new JsonObject { ["date"] = "tomorrow", ["plan"] = "gold" };
        var scope = new TemplateScopeBuilder(new FixedClock(Noon)).Build(null, values);
        Assert.Equal("tomorrow", scope["date"]!.GetValue<string>());
        Assert.Equal("gold", scope["plan"]!.GetValue<string>());
        Assert.Equal("2024", scope["year"]!.GetValue<string>());
    }

    [Fact]
    public void Missing_customer_renders_empty_rather_than_failing()
    {
        var scope = new TemplateScopeBuilder(new FixedClock(Noon)).Build();
        Assert.Equal("[]", new LiquidEngine().Render("[{{ customer.number }}]", scope));
    }

    [Fact]
    public void Now_filter_uses_the_engine_clock_with_a_time_zone()
    {
        var engine = new LiquidEngine(new LiquidOptions { Clock = new FixedClock(Noon) });
        Assert.Equal("Monday, January 01, 2024, 04:00 AM",
            engine.Render("{{ \"now\" | date: \"%A, %B %d, %Y, %I:%M %p\", \"America/Los_Angeles\" }}", null));
    }
}
