using System.Text.Json.Nodes;
using Parley.Core.Tools.Rules;

namespace Parley.Core.Tests.Tools;

public sealed class StaticParametersTests
{
    private static readonly JsonObject Scope = JsonNode.Parse("""
        {"customer":{"number":"+15550001111"},"userToken":"tok-9","tenant":"acme"}
        """)!.AsObject();

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Static_parameters_override_the_models_arguments_and_render_templates()
    {
        var model = Obj("""{"city":"Oslo","token":"made-up-by-model"}""");
        var parameters = JsonNode.Parse("""[{"key":"token","value":"{{userToken}}"},{"key":"limit","value":5}]""")!.AsArray();

        var result = new StaticParameters(new FakeTemplateRenderer()).Apply(model, parameters, null, Scope);

        Assert.Equal("Oslo", result["city"]!.GetValue<string>());
        Assert.Equal("tok-9", result["token"]!.GetValue<string>());
        Assert.Equal(5, result["limit"]!.GetValue<int>());
        Assert.Equal("made-up-by-model", model["token"]!.GetValue<string>());
    }

    [Fact]
    public void Strings_nested_in_static_objects_and_arrays_are_rendered_and_other_values_kept()
    {
        var parameters = JsonNode.Parse("""
            [{"key":"meta","value":{"tenant":"{{tenant}}","tags":["t-{{tenant}}",true,3],"caller":{"n":"{{customer.number}}"}}}]
            """)!.AsArray();

        var result = new StaticParameters(new FakeTemplateRenderer()).Apply(null, parameters, null, Scope);

        var expected = JsonNode.Parse("""{"meta":{"tenant":"acme","tags":["t-acme",true,3],"caller":{"n":"+15550001111"}}}""");
        Assert.True(JsonNode.DeepEquals(expected, result), result.ToJsonString());
    }

    [Fact]
    public void A_body_schema_default_fills_only_a_key_the_model_left_out()
    {
        var schema = Obj("""
            {"type":"object","properties":{"caller_number":{"type":"string","default":"{{ customer.number }}"},"note":{"type":"string","default":"none"}}}
            """);

        var result = new StaticParameters(new FakeTemplateRenderer()).Apply(Obj("""{"note":"from model"}"""), null, schema, Scope);

        Assert.Equal("+15550001111", result["caller_number"]!.GetValue<string>());
        Assert.Equal("from model", result["note"]!.GetValue<string>());
    }

    [Fact]
    public void A_body_schema_value_is_fixed_even_when_the_model_supplied_the_key()
    {
        var schema = Obj("""{"type":"object","properties":{"tenant":{"type":"string","value":"{{tenant}}"}}}""");

        var result = new StaticParameters(new FakeTemplateRenderer()).Apply(Obj("""{"tenant":"evil"}"""), null, schema, Scope);

        Assert.Equal("acme", result["tenant"]!.GetValue<string>());
    }

    [Fact]
    public void Nested_schema_objects_are_filled_and_created_when_needed()
    {
        var schema = Obj("""
            {"type":"object","properties":{"auth":{"type":"object","properties":{"token":{"type":"string","value":"{{userToken}}"}}},
             "empty":{"type":"object","properties":{"x":{"type":"string"}}}}}
            """);

        var result = new StaticParameters(new FakeTemplateRenderer()).Apply(null, null, schema, Scope);

        Assert.Equal("""{"auth":{"token":"tok-9"}}""", result.ToJsonString());
    }

    [Fact]
    public void Static_parameters_win_over_schema_values()
    {
        var schema = Obj("""{"type":"object","properties":{"mode":{"type":"string","value":"schema"}}}""");
        var parameters = JsonNode.Parse("""[{"key":"mode","value":"static"}]""")!.AsArray();

        var result = new StaticParameters(new FakeTemplateRenderer()).Apply(null, parameters, schema, Scope);

        Assert.Equal("static", result["mode"]!.GetValue<string>());
    }

    [Fact]
    public void Header_schemas_fill_fixed_values_for_api_request_headers()
    {
        var headers = new JsonObject();

        new StaticParameters(new FakeTemplateRenderer()).FillFromSchema(headers,
            Obj("""{"type":"object","properties":{"x-api-key":{"type":"string","value":"123456789"},"x-user":{"type":"string","value":"{{userToken}}"}}}"""), Scope);

        Assert.Equal("""{"x-api-key":"123456789","x-user":"tok-9"}""", headers.ToJsonString());
    }

    [Fact]
    public void A_failing_template_keeps_its_raw_text_and_warns()
    {
        var warnings = new List<string>();

        var result = new StaticParameters(new FakeTemplateRenderer()).Apply(null,
            JsonNode.Parse("""[{"key":"k","value":"{% broken %}"}]""")!.AsArray(), null, Scope, warnings);

        Assert.Equal("{% broken %}", result["k"]!.GetValue<string>());
        Assert.Single(warnings);
    }
}
