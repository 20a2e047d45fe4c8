using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.Tests.Calls.Messages;

public sealed class FrozenJsonTests
{
    private static JsonObject Awkward() => new()
    {
        ["role"] = "bot",
        ["message"] = "Grüße <b>&</b> \"quoted\" \u2028 😀",
        ["time"] = 1767225600123L,
        ["secondsFromStart"] = 1.25,
        ["toolCalls"] = new JsonArray(new JsonObject { ["id"] = "c1", ["arguments"] = null }, 3, true),
    };

    [Fact]
    public void Its_node_writes_exactly_what_the_tree_would_have_written()
    {
        var tree = Awkward();

        var frozen = FrozenJson.Of(tree);

        Assert.Equal(JsonText.Of(tree), frozen.AsNode().ToJsonString());
        Assert.Equal(JsonText.Of(tree), JsonText.Of(new JsonObject { ["messages"] = new JsonArray(frozen.AsNode()) }["messages"]!)[1..^1]);
        // As Node's JSON.stringify, like the rest of every message Parley sends: nothing escaped that need not be.
        Assert.Contains("\"Grüße <b>&</b> \\\"quoted\\\"", frozen.AsNode().ToJsonString());
    }

    [Fact]
    public void A_deep_copy_of_its_node_is_an_ordinary_tree_again()
    {
        var copy = FrozenJson.Of(Awkward()).AsNode().DeepClone();

        Assert.IsType<JsonObject>(copy);
        Assert.True(JsonNode.DeepEquals(Awkward(), copy));
        Assert.Equal("c1", copy["toolCalls"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Later_changes_to_the_tree_are_not_seen()
    {
        var tree = Awkward();
        var frozen = FrozenJson.Of(tree);

        tree["message"] = "changed";

        Assert.Equal(JsonText.Of(Awkward()), frozen.AsNode().ToJsonString());
    }

    [Fact]
    public void A_copy_keeps_frozen_parts_frozen_and_copies_the_rest()
    {
        var frozen = FrozenJson.Of(Awkward());
        var message = new JsonObject { ["type"] = "conversation-update", ["messages"] = new JsonArray(frozen.AsNode(), frozen.AsNode()), ["n"] = 1 };

        var copy = FrozenJson.Copy(message)!.AsObject();
        message["n"] = 2;

        Assert.Equal(1, copy["n"]!.GetValue<int>());
        Assert.True(copy["messages"]![0]!.AsValue().TryGetValue<FrozenJson>(out var kept));
        Assert.Same(frozen, kept);
        Assert.Equal(JsonText.Of(new JsonObject { ["type"] = "conversation-update", ["messages"] = new JsonArray(Awkward(), Awkward()), ["n"] = 1 }), JsonText.Of(copy));
    }
}
