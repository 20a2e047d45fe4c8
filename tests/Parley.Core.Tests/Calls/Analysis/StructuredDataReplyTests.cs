using System.Text.Json.Nodes;
using Parley.Core.Calls.Analysis;

namespace Parley.Core.Tests.Calls.Analysis;

// Invariant: a model's structured-data answer becomes JSON of the schema's top-level type, or null with a reason.
public class StructuredDataReplyTests
{
    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("```json\n{\"a\":1}\n```")]
    [InlineData("```\n{\"a\":1}\n```\n")]
    [InlineData("  ```JSON\n{\"a\":1}```")]
    [InlineData("The data is {\"a\":1}.")]
    public void Objects_are_found_inside_fences_and_prose(string reply)
    {
        var value = StructuredDataReply.Parse(reply, null, out var error);

        Assert.Null(error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"a\":1}"), value));
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("", "not JSON")]
    [InlineData("[1,2]", "type 'object'")]
    [InlineData("\"text\"", "type 'object'")]
    public void Anything_but_an_object_is_rejected_for_an_object_schema(string reply, string reason)
    {
        var value = StructuredDataReply.Parse(reply, new JsonObject { ["type"] = "object" }, out var error);

        Assert.Null(value);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_schema_with_another_top_level_type_accepts_that_type()
    {
        var value = StructuredDataReply.Parse("```json\ntrue\n```", new JsonObject { ["type"] = "boolean" }, out var error);

        Assert.Null(error);
        Assert.Equal("true", value!.ToJsonString());
        Assert.Null(StructuredDataReply.Parse("{\"a\":1}", new JsonObject { ["type"] = "boolean" }, out _));
    }
}
