using System.Text.Json.Nodes;
using Parley.Core.Tools;

namespace Parley.Core.Tests.Tools;

/// <summary>Each Vapi tool type becomes the function the model sees, named and shaped as Vapi does.</summary>
public sealed class ToolCatalogTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public void An_apiRequest_tool_exposes_its_body_schema_minus_fixed_values()
    {
        var tool = ToolCatalog.Resolve(Json("""
            {"type":"apiRequest","name":"checkOrderStatus","description":"Checks an order","method":"GET","url":"https://x/{{orderNumber}}",
             "body":{"type":"object","properties":{"orderNumber":{"type":"string","description":"The order"},"apiVersion":{"type":"string","value":"2"}},"required":["orderNumber","apiVersion"]}}
            """))!;

        Assert.Equal("checkOrderStatus", tool.Name);
        Assert.Equal("Checks an order", tool.Function.Description);
        Assert.Equal("""{"type":"object","properties":{"orderNumber":{"type":"string","description":"The order"}},"required":["orderNumber"]}""",
            tool.Function.Parameters.ToJsonString());
    }

    [Fact]
    public void Function_tools_use_their_function_definition()
    {
        var tool = ToolCatalog.Resolve(Json("""{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}"""))!;
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("""{"type":"object","properties":{"location":{"type":"string"}}}""", tool.Function.Parameters.ToJsonString());
    }

    [Fact]
    public void Built_in_tools_get_Vapi_names_and_a_transfer_destination_enum()
    {
        var catalog = new ToolCatalog([
            Json("""{"type":"endCall"}"""),
            Json("""{"type":"dtmf"}"""),
            Json("""{"type":"transferCall","destinations":[{"type":"number","number":"+16054440129"},{"type":"assistant","assistantName":"Billing"}]}"""),
        ]);

        Assert.Equal(["endCall", "dtmf", "transferCall"], catalog.Functions.Select(f => f.Name));
        Assert.Equal(["+16054440129", "Billing"], catalog.Find("transferCall")!.Function.Parameters["properties"]!["destination"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("keys", catalog.Find("dtmf")!.Function.Parameters["required"]![0]!.GetValue<string>());
    }

    [Fact]
    public void A_second_tool_with_the_same_function_name_is_ignored()
    {
        var catalog = new ToolCatalog([
            Json("""{"type":"function","function":{"name":"same","description":"first"}}"""),
            Json("""{"type":"function","function":{"name":"same","description":"second"}}"""),
        ]);
        Assert.Equal("first", Assert.Single(catalog.Tools).Function.Description);
    }
}
