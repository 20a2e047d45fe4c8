using System.Net;
using Microsoft.AspNetCore.Http;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chats;

/// <summary>
/// Built-in tools in a chat resolve through the call-control interface: transferCall picks and reports the
/// destination the model named; liquid rejection conditions (seed 004, example 3) run on the real template engine.
/// </summary>
public sealed class BuiltInToolChatTests
{
    [Fact]
    public async Task TransferCall_chooses_and_reports_the_named_destination()
    {
        await using var h = await ChatHarness.StartAsync();
        var toolId = await h.CreateAsync("/tool", """
            {"type":"transferCall","destinations":[{"type":"number","number":"+16054440129","description":"Sales"},{"type":"number","number":"+16054440130","description":"Support"}]}
            """);
        h.Model.Calls(("c1", "transferCall", """{"destination":"+16054440130"}""")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"support please"}""".Replace("TOOL", toolId));

        Assert.Equal("Transfer to +16054440130 requested.", ChatHarness.LastOutputText(chat));
        var action = Assert.Single(chat["actions"]!.AsArray())!;
        Assert.Equal("transfer", action["type"]!.GetValue<string>());
        Assert.Equal("+16054440130", action["destination"]!["number"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Can you transfer me to a person?", false)]
    [InlineData("What are your opening hours?", true)]
    public async Task A_liquid_rejection_condition_decides_whether_the_tool_runs(string userSays, bool rejected)
    {
        await using var h = await ChatHarness.StartAsync();
        await using var api = await RecordingServer.StartAsync(_ => Results.Json(new { ok = true }));
        const string condition = "{% assign recentMessages = messages | last: 5 %}{% assign userMessages = recentMessages | where: 'role', 'user' %}{% assign mentioned = false %}{% for msg in userMessages %}{% if msg.content contains 'transfer' or msg.content contains 'connect' or msg.content contains 'speak to' %}{% assign mentioned = true %}{% break %}{% endif %}{% endfor %}{% if mentioned %}false{% else %}true{% endif %}";
        var tool = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "apiRequest", ["name"] = "handoff", ["method"] = "POST", ["url"] = api.BaseUrl + "/handoff",
            ["rejectionPlan"] = new System.Text.Json.Nodes.JsonObject { ["conditions"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["type"] = "liquid", ["liquid"] = condition }) },
        };
        var toolId = await h.CreateAsync("/tool", tool.ToJsonString());
        h.Model.Calls(("c1", "handoff", "{}")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"SAYS"}""".Replace("TOOL", toolId).Replace("SAYS", userSays));

        Assert.Equal(rejected ? 0 : 1, api.Requests.Count);
        Assert.Equal(rejected, ChatHarness.LastOutputText(chat).StartsWith("The tool call was rejected", StringComparison.Ordinal));
    }
}
