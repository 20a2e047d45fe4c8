using System.Text.Json.Nodes;
using Parley.Core.Tools.Rules;

namespace Parley.Core.Tests.Tools;

public sealed class VariableExtractorTests
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private static JsonObject Extract(string plan, string? body, IReadOnlyDictionary<string, string>? headers = null) =>
        new VariableExtractor(new FakeTemplateRenderer()).Extract(
            JsonNode.Parse(plan)!.AsObject(), body is null ? null : JsonNode.Parse(body), headers ?? NoHeaders);

    [Fact]
    public void Example_1_aliases_read_object_body_fields_directly()
    {
        var variables = Extract("""
            {"aliases":[{"key":"customerName","value":"{{customer.name}}"},{"key":"customerAge","value":"{{customer.age}}"}]}
            """, """{"customer":{"name":"John","age":30}}""");

        Assert.Equal("John", variables["customerName"]!.GetValue<string>());
        Assert.Equal("30", variables["customerAge"]!.GetValue<string>());
    }

    [Fact]
    public void Example_2_aliases_reach_an_array_body_through_dollar()
    {
        var variables = Extract("""
            {"aliases":[{"key":"customerName","value":"{{$[0].name}}"},{"key":"customerAge","value":"{{$[0].age}}"}]}
            """, """[{"name":"John","age":30},{"name":"Jane","age":25}]""");

        Assert.Equal("John", variables["customerName"]!.GetValue<string>());
        Assert.Equal("30", variables["customerAge"]!.GetValue<string>());
    }

    [Fact]
    public void Example_3_aliases_read_response_headers_by_lower_case_name()
    {
        var headers = new Dictionary<string, string> { ["Customer-Name"] = "John", ["customer-age"] = "30" };

        var variables = Extract("""
            {"aliases":[{"key":"customerName","value":"{{tool.response.headers.customer-name}}"},{"key":"customerAge","value":"{{tool.response.headers.customer-age}}"}]}
            """, """[1,2]""", headers);

        Assert.Equal("John", variables["customerName"]!.GetValue<string>());
        Assert.Equal("30", variables["customerAge"]!.GetValue<string>());
    }

    [Fact]
    public void Dollar_and_tool_response_body_are_the_whole_object_body_too()
    {
        var variables = Extract("""
            {"aliases":[{"key":"a","value":"{{$.id}}"},{"key":"b","value":"{{tool.response.body.id}}"}]}
            """, """{"id":"r-1"}""");

        Assert.Equal("r-1", variables["a"]!.GetValue<string>());
        Assert.Equal("r-1", variables["b"]!.GetValue<string>());
    }

    [Fact]
    public void Example_4_1_object_schema_properties_become_top_level_variables_with_their_json_types()
    {
        var variables = Extract("""
            {"schema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"number"},"email":{"type":"string"}}}}
            """, """{"name":"John","age":30,"other":"x"}""");

        Assert.Equal("John", variables["name"]!.GetValue<string>());
        Assert.Equal(30, variables["age"]!.GetValue<int>());
        Assert.False(variables.ContainsKey("email"));
        Assert.False(variables.ContainsKey("other"));
    }

    [Fact]
    public void Example_4_2_nested_objects_are_kept_as_objects()
    {
        var variables = Extract("""
            {"schema":{"type":"object","properties":{"name":{"type":"object","properties":{"first":{"type":"string"},"last":{"type":"string"}}}}}}
            """, """{"name":{"first":"John","last":"Doe"}}""");

        Assert.Equal("John", variables["name"]!["first"]!.GetValue<string>());
        Assert.Equal("Doe", variables["name"]!["last"]!.GetValue<string>());
    }

    [Fact]
    public void Example_4_3_an_array_schema_is_stored_under_its_title()
    {
        var variables = Extract("""{"schema":{"type":"array","title":"zipCodes","items":{"type":"string"}}}""", """["94123","94124"]""");

        Assert.Equal(["94123", "94124"], variables["zipCodes"]!.AsArray().Select(z => z!.GetValue<string>()));
        Assert.Single(variables);
    }

    [Fact]
    public void Example_4_4_an_array_of_objects_keeps_every_field_for_later_templates()
    {
        var variables = Extract("""
            {"schema":{"type":"array","title":"people","items":{"type":"object","properties":{
              "name":{"type":"string"},"age":{"type":"number"},"zipCodes":{"type":"array","items":{"type":"string"}}}}}}
            """, """[{"name":"John","age":30,"zipCodes":["94123","94124"]},{"name":"Jane","age":25,"zipCodes":["94125","94126"]}]""");

        var later = new FakeTemplateRenderer().Render("{{ people[1].name }} {{ people[0].zipCodes[1] }}", variables);
        Assert.Equal("Jane 94124", later);
    }

    [Fact]
    public void Schema_and_aliases_work_together_and_an_alias_wins_a_name_clash()
    {
        var variables = Extract("""
            {"schema":{"type":"object","properties":{"name":{"type":"string"}}},"aliases":[{"key":"name","value":"Mr {{name}}"},{"key":"city","value":"{{address.city}}"}]}
            """, """{"name":"John","address":{"city":"Oslo"}}""");

        Assert.Equal("Mr John", variables["name"]!.GetValue<string>());
        Assert.Equal("Oslo", variables["city"]!.GetValue<string>());
    }

    [Fact]
    public void A_failing_alias_is_skipped_with_a_warning_and_the_others_are_kept()
    {
        var warnings = new List<string>();

        var variables = new VariableExtractor(new FakeTemplateRenderer()).Extract(
            JsonNode.Parse("""{"aliases":[{"key":"bad","value":"{% nope %}"},{"key":"good","value":"{{id}}"}]}""")!.AsObject(),
            JsonNode.Parse("""{"id":"7"}"""), NoHeaders, warnings);

        Assert.False(variables.ContainsKey("bad"));
        Assert.Equal("7", variables["good"]!.GetValue<string>());
        Assert.Contains(warnings, w => w.Contains("'bad'"));
    }

    [Fact]
    public void A_non_json_body_still_lets_aliases_read_headers()
    {
        var variables = Extract("""{"aliases":[{"key":"req","value":"{{tool.response.headers.x-request-id}}"}],"schema":{"type":"object","properties":{"a":{"type":"string"}}}}""",
            null, new Dictionary<string, string> { ["X-Request-Id"] = "abc" });

        Assert.Equal("abc", variables["req"]!.GetValue<string>());
        Assert.Single(variables);
    }
}
