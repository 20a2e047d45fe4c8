using System.Text.Json.Nodes;
using Parley.Core.Templates;
using Parley.Liquid;

namespace Parley.Core.Tests.Templates;

/// <summary>Vapi's default variables in the documented formats, in UTC, with variableValues winning.</summary>
public sealed class VapiDefaultVariablesTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Defaults_use_the_documented_formats_in_UTC()
    {
        var scope = VapiDefaultVariables.Build(new Clock(DateTimeOffset.Parse("2024-01-01T12:00:00-08:00")), null, null);
        Assert.Equal("Jan 1, 2024 8:00 PM", scope["now"]!.GetValue<string>());
        Assert.Equal("Jan 1, 2024", scope["date"]!.GetValue<string>());
        Assert.Equal("8:00 PM", scope["time"]!.GetValue<string>());
        Assert.Equal("January", scope["month"]!.GetValue<string>());
        Assert.Equal("1", scope["day"]!.GetValue<string>());
        Assert.Equal("2024", scope["year"]!.GetValue<string>());
    }

    [Fact]
    public void Customer_fields_and_variable_values_render_and_variable_values_win()
    {
        var scope = VapiDefaultVariables.Build(new Clock(DateTimeOffset.Parse("2024-07-04T15:30:00Z")),
            new JsonObject { ["number"] = "+15551234567", ["name"] = "Ada" },
            new JsonObject { ["year"] = "custom", ["userToken"] = "t-1" });
        var renderer = new LiquidTemplateRenderer(new LiquidEngine());
        Assert.Equal("+15551234567 Ada custom t-1 July",
            renderer.Render("{{customer.number}} {{ customer.name }} {{year}} {{userToken}} {{month}}", scope));
    }
}
