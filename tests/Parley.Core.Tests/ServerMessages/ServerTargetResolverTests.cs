using System.Text.Json.Nodes;
using Parley.Core.ServerMessages;

namespace Parley.Core.Tests.ServerMessages;

/// <summary>The server URL is resolved tool.server → assistant.server → phoneNumber.server → org.server.</summary>
public sealed class ServerTargetResolverTests
{
    private static JsonObject Server(string url) => new() { ["server"] = new JsonObject { ["url"] = url, ["secret"] = "s-" + url, ["timeoutSeconds"] = 7 } };

    [Fact]
    public void The_most_specific_server_wins()
    {
        Assert.Equal("tool", ServerTargetResolver.Resolve(Server("tool"), Server("assistant"), Server("phone"), Server("org"))!.Url);
        Assert.Equal("assistant", ServerTargetResolver.Resolve(new JsonObject(), Server("assistant"), Server("phone"), Server("org"))!.Url);
        Assert.Equal("phone", ServerTargetResolver.Resolve(null, new JsonObject(), Server("phone"), Server("org"))!.Url);
        Assert.Equal("org", ServerTargetResolver.Resolve(null, new JsonObject(), null, Server("org"))!.Url);
        Assert.Null(ServerTargetResolver.Resolve(null, new JsonObject(), null, null));
    }

    [Fact]
    public void Legacy_serverUrl_and_serverUrlSecret_count_as_the_assistants_server()
    {
        var target = ServerTargetResolver.Resolve(null, new JsonObject { ["serverUrl"] = "https://legacy", ["serverUrlSecret"] = "old" }, null, Server("org"))!;
        Assert.Equal("https://legacy", target.Url);
        Assert.Equal("old", target.Secret);
        Assert.Equal(ServerTarget.DefaultTimeout, target.Timeout);
    }

    [Fact]
    public void Secret_timeout_and_headers_are_read()
    {
        var target = ServerTarget.From(new JsonObject { ["url"] = "u", ["secret"] = "x", ["timeoutSeconds"] = 3, ["headers"] = new JsonObject { ["a"] = "b" } })!;
        Assert.Equal(TimeSpan.FromSeconds(3), target.Timeout);
        Assert.Equal("x", target.Secret);
        Assert.Equal("b", target.Headers!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Subscriptions_default_to_Vapis_set_and_honour_the_final_transcript_filter()
    {
        Assert.True(ServerMessenger.IsSubscribed(new JsonObject(), "end-of-call-report"));
        Assert.False(ServerMessenger.IsSubscribed(new JsonObject(), "transcript"));
        var chosen = new JsonObject { ["serverMessages"] = new JsonArray("transcript[transcriptType=\"final\"]") };
        Assert.True(ServerMessenger.IsSubscribed(chosen, "transcript", new JsonObject { ["transcriptType"] = "final" }));
        Assert.False(ServerMessenger.IsSubscribed(chosen, "transcript", new JsonObject { ["transcriptType"] = "partial" }));
        Assert.False(ServerMessenger.IsSubscribed(chosen, "end-of-call-report"));
        Assert.True(ServerMessenger.IsSubscribed(chosen, "assistant-request"));
    }
}
