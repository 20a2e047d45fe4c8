using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// Seed 000's story through the real server process: an assistant whose apiRequest tool sends
/// <c>Authorization: Bearer {{userToken}}</c>; two chats started with different variableValues.userToken; the tool
/// server sees each chat's own token. The model is a fake OpenAI server on loopback that calls the tool once, then
/// answers with the tool's result.
/// </summary>
public sealed class UserTokenChatEndToEndTests
{
    [Fact]
    public async Task Each_chat_sends_its_own_user_token_to_the_tool()
    {
        var seenTokens = new ConcurrentQueue<string>();
        await using var toolServer = await LoopbackServer.StartAsync(app => app.MapGet("/profile/{id}", (HttpContext http, string id) =>
        {
            seenTokens.Enqueue(http.Request.Headers.Authorization.ToString());
            return Results.Json(new { name = $"profile {id} for {http.Request.Headers.Authorization}" });
        }));
        await using var model = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", FakeOpenAi.Answer));

        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["PARLEY_OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
            ["OPENAI_API_KEY"] = "sk-test",
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.PrivateKey);

        var tool = await Post(http, "/tool", """
            {"type":"apiRequest","name":"get_profile","description":"Gets the caller's profile","method":"GET",
             "url":"TOOL_URL/profile/{{profileId}}",
             "headers":{"type":"object","properties":{"Authorization":{"type":"string","value":"Bearer {{userToken}}"}}},
             "body":{"type":"object","properties":{"profileId":{"type":"string"}},"required":["profileId"]}}
            """.Replace("TOOL_URL", toolServer.BaseUrl));
        var assistant = await Post(http, "/assistant", """
            {"name":"Profile bot","model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL_ID"],
             "messages":[{"role":"system","content":"Look up profiles."}]}}
            """.Replace("TOOL_ID", tool["id"]!.GetValue<string>()));

        var assistantId = assistant["id"]!.GetValue<string>();
        var alice = await Post(http, "/chat", """{"assistantId":"ID","assistantOverrides":{"variableValues":{"userToken":"token-alice"}},"input":"Who am I?"}""".Replace("ID", assistantId));
        var bob = await Post(http, "/chat", """{"assistantId":"ID","assistantOverrides":{"variableValues":{"userToken":"token-bob"}},"input":"Who am I?"}""".Replace("ID", assistantId));

        Assert.Equal(["Bearer token-alice", "Bearer token-bob"], seenTokens.ToArray());
        Assert.Contains("for Bearer token-alice", LastText(alice));
        Assert.Contains("for Bearer token-bob", LastText(bob));
    }

    private static string LastText(JsonObject chat) =>
        chat["output"]!.AsArray().Last()!["content"]!.GetValue<string>();

    private static async Task<JsonObject> Post(HttpClient http, string path, string json)
    {
        var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// An OpenAI chat-completions stream: with no tool result in the conversation it calls get_profile; once a
    /// tool result is there it answers with that result's text.
    /// </summary>
    private static class FakeOpenAi
    {
        public static async Task Answer(HttpContext http)
        {
            var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            var toolResult = request["messages"]!.AsArray().OfType<JsonObject>().LastOrDefault(m => m["role"]?.GetValue<string>() == "tool");
            http.Response.ContentType = "text/event-stream";
            if (toolResult is null)
            {
                await Chunk(http, """{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_profile","arguments":""}}]}}]}""");
                await Chunk(http, """{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"profileId\":\"42\"}"}}]}}]}""");
                await Chunk(http, """{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");
            }
            else
            {
                var content = new JsonObject { ["content"] = "You are " + toolResult["content"]!.GetValue<string>() };
                await Chunk(http, new JsonObject
                {
                    ["id"] = "c2", ["object"] = "chat.completion.chunk",
                    ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = content }),
                }.ToJsonString());
                await Chunk(http, """{"id":"c2","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");
            }
            await http.Response.WriteAsync("data: [DONE]\n\n");
        }

        private static async Task Chunk(HttpContext http, string json)
        {
            await http.Response.WriteAsync($"data: {json}\n\n");
            await http.Response.Body.FlushAsync();
        }
    }
}
