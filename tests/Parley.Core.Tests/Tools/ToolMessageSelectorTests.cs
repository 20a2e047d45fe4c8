using System.Text.Json.Nodes;
using Parley.Core.Tools.Rules;

namespace Parley.Core.Tests.Tools;

public sealed class ToolMessageSelectorTests
{
    private static readonly JsonArray Messages = JsonNode.Parse("""
        [
          {"type":"request-start","content":"Checking the weather","blocking":true},
          {"type":"request-start","content":"Checking the big order","conditions":[{"param":"quantity","operator":"gt","value":"10"}]},
          {"type":"request-complete","content":"Done.","role":"system","endCallAfterSpokenEnabled":true},
          {"type":"request-failed","content":"That failed.","contents":[{"type":"text","text":"Das ging schief.","language":"de"}]},
          {"type":"request-response-delayed","content":"Still working","timingMilliseconds":2000},
          {"type":"request-response-delayed","content":"Almost there","timingMilliseconds":6000}
        ]
        """)!.AsArray();

    private static JsonObject Args(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Messages_are_picked_by_event_type_with_their_flags()
    {
        var complete = Assert.Single(ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestComplete, Args("{}")));

        Assert.Equal("Done.", complete.Content);
        Assert.Equal("system", complete.Role);
        Assert.True(complete.EndCallAfterSpoken);
        Assert.True(Assert.Single(ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestStart, Args("{}"))).Blocking);
    }

    [Fact]
    public void A_numeric_condition_compares_numbers_not_text()
    {
        // As text "9" > "10"; as numbers it is not.
        var small = ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestStart, Args("""{"quantity":9}"""));
        var large = ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestStart, Args("""{"quantity":"12"}"""));

        Assert.Equal(["Checking the weather"], small.Select(m => m.Content));
        Assert.Equal(["Checking the weather", "Checking the big order"], large.Select(m => m.Content));
    }

    [Fact]
    public void A_missing_parameter_fails_its_condition()
    {
        Assert.Single(ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestStart, Args("""{"city":"Oslo"}""")));
    }

    [Theory]
    [InlineData("eq", "Oslo", true)]
    [InlineData("eq", "oslo", false)]
    [InlineData("neq", "Bergen", true)]
    [InlineData("lt", "Paris", true)]
    [InlineData("gte", "Oslo", true)]
    [InlineData("lte", "Amsterdam", false)]
    public void Non_numeric_values_compare_as_strings(string op, string value, bool holds)
    {
        var conditions = new JsonArray(new JsonObject { ["param"] = "city", ["operator"] = op, ["value"] = value });

        Assert.Equal(holds, ToolMessageSelector.ConditionsHold(conditions, Args("""{"city":"Oslo"}""")));
    }

    [Fact]
    public void Booleans_and_nested_parameters_are_compared_by_their_text()
    {
        var conditions = JsonNode.Parse("""
            [{"param":"express","operator":"eq","value":"true"},{"param":"address.zip","operator":"gte","value":1000}]
            """)!.AsArray();

        Assert.True(ToolMessageSelector.ConditionsHold(conditions, Args("""{"express":true,"address":{"zip":"1500"}}""")));
        Assert.False(ToolMessageSelector.ConditionsHold(conditions, Args("""{"express":false,"address":{"zip":"1500"}}""")));
    }

    [Fact]
    public void Contents_give_the_text_for_the_asked_language_else_the_content()
    {
        Assert.Equal("Das ging schief.", Assert.Single(ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestFailed, null, "de")).Content);
        Assert.Equal("That failed.", Assert.Single(ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestFailed, null, "fr")).Content);
        Assert.Equal("That failed.", Assert.Single(ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestFailed, null)).Content);
    }

    [Fact]
    public void Contents_alone_fall_back_to_their_first_text()
    {
        var messages = JsonNode.Parse("""[{"type":"request-start","contents":[{"type":"text","text":"Un instant","language":"fr"}]}]""")!.AsArray();

        Assert.Equal("Un instant", Assert.Single(ToolMessageSelector.Select(messages, ToolMessageEvent.RequestStart, null, "en")).Content);
    }

    [Fact]
    public void Delayed_messages_carry_their_timing()
    {
        var delayed = ToolMessageSelector.Select(Messages, ToolMessageEvent.RequestResponseDelayed, null);

        Assert.Equal([2000, 6000], delayed.Select(m => m.TimingMilliseconds!.Value));
    }

    [Fact]
    public void Vapi_default_request_start_fillers_are_exposed()
    {
        Assert.Equal(["Hold on a sec", "One moment", "Just a sec", "Give me a moment", "This'll just take a sec"],
            ToolMessageSelector.DefaultRequestStartFillers);
        Assert.Empty(ToolMessageSelector.Select(null, ToolMessageEvent.RequestStart, null));
    }
}
