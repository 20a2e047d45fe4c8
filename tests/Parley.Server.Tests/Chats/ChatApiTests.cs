using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chats;

/// <summary>
/// Vapi's chat API: input as text or messages, the assistant's templated system prompt, previousChatId
/// continuing a conversation, streaming as SSE deltas, paginated lists, and model failures answered clearly.
/// </summary>
public sealed class ChatApiTests
{
    [Fact]
    public async Task A_chat_sends_the_templated_system_prompt_and_input_and_stores_the_output()
    {
        await using var h = await ChatHarness.StartAsync();
        h.Model.Says("Hello Ada!");
        var chat = await h.ChatAsync("""
            {"assistant":{"model":{"provider":"openai","model":"gpt-4o","temperature":0.3,"maxTokens":120,
              "messages":[{"role":"system","content":"You help {{name}}."}]}},
             "assistantOverrides":{"variableValues":{"name":"Ada"}},"input":"Hi there"}
            """);

        Assert.Equal("Hello Ada!", ChatHarness.LastOutputText(chat));
        var request = Assert.Single(h.Model.Requests);
        Assert.Equal("gpt-4o", request["model"]!.GetValue<string>());
        Assert.Equal(0.3, request["temperature"]!.GetValue<double>());
        Assert.Equal("You help Ada.", request["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal("Hi there", request["messages"]![1]!["content"]!.GetValue<string>());

        var stored = (await h.Client.GetJsonAsync($"/chat/{chat["id"]}")).Expect(HttpStatusCode.OK).Object;
        Assert.Equal("Hello Ada!", ChatHarness.LastOutputText(stored));
        Assert.Equal("Ada", stored["artifact"]!["variableValues"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PreviousChatId_continues_the_conversation()
    {
        await using var h = await ChatHarness.StartAsync();
        var assistantId = await h.CreateAsync("/assistant", """{"model":{"provider":"openai","model":"gpt-4o","messages":[{"role":"system","content":"Be brief."}]}}""");
        h.Model.Says("Nice to meet you, Bo.").Says("Your name is Bo.");

        var first = await h.ChatAsync("""{"assistantId":"ID","input":"I am Bo."}""".Replace("ID", assistantId));
        var second = await h.ChatAsync("""{"previousChatId":"ID","input":"What is my name?"}""".Replace("ID", first["id"]!.GetValue<string>()));

        Assert.Equal("Your name is Bo.", ChatHarness.LastOutputText(second));
        var roles = h.Model.Requests.Last()["messages"]!.AsArray().Select(m => $"{m!["role"]}:{m["content"]}").ToArray();
        Assert.Equal(["system:Be brief.", "user:I am Bo.", "assistant:Nice to meet you, Bo.", "user:What is my name?"], roles);
    }

    [Fact]
    public async Task Input_may_be_a_list_of_messages()
    {
        await using var h = await ChatHarness.StartAsync();
        h.Model.Says("ok");
        await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o"}},"input":[{"role":"user","content":"one"},{"role":"assistant","content":"two"},{"role":"user","content":"three"}]}""");
        Assert.Equal(["one", "two", "three"], h.Model.Requests.Single()["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Streaming_answers_with_SSE_deltas_then_done()
    {
        await using var h = await ChatHarness.StartAsync();
        h.Model.Says("Streaming works");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat")
        {
            Content = new StringContent("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o"}},"input":"go","stream":true}""", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await h.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var deltas = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.StartsWith("data: {"))
            .Select(f => JsonNode.Parse(f["data: ".Length..])!)
            .ToList();
        Assert.Equal("Streaming works", string.Concat(deltas.Select(d => d["delta"]!.GetValue<string>())));
        Assert.All(deltas, d => Assert.Equal("chat.output[0].content", d["path"]!.GetValue<string>()));
        Assert.EndsWith("data: [DONE]\n\n", text);
    }

    [Fact]
    public async Task Lists_are_paginated_with_metadata()
    {
        await using var h = await ChatHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            h.Model.Says($"answer {i}");
            await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o"}},"input":"q"}""");
        }
        var page = (await h.Client.GetJsonAsync("/chat?limit=2&page=2")).Expect(HttpStatusCode.OK).Object;
        Assert.Single(page["results"]!.AsArray());
        Assert.Equal(3, page["metadata"]!["totalItems"]!.GetValue<int>());
        Assert.Equal(2, page["metadata"]!["currentPage"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rejected_provider_key_is_a_clear_400()
    {
        await using var h = await ChatHarness.StartAsync();
        h.Model.FailWith = (401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}""");
        var response = (await h.Client.PostJsonAsync("/chat", """{"assistant":{"model":{"provider":"openai","model":"gpt-4o"}},"input":"hi"}"""))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("401", response.Messages.Single());
        Assert.Contains("Incorrect API key provided", response.Messages.Single());
    }

    [Fact]
    public async Task Chat_requests_are_validated()
    {
        await using var h = await ChatHarness.StartAsync();
        var missing = (await h.Client.PostJsonAsync("/chat", """{"assistant":{"model":{"provider":"openai","model":"gpt-4o"}}}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("input should not be empty", missing.Messages);
        var unknown = (await h.Client.PostJsonAsync("/chat", """{"previousChatId":"nope","input":"x"}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("previousChatId must reference an existing chat (no chat with id 'nope' in this org)", unknown.Messages);
    }
}

/// <summary>custom-llm: the model URL is the OpenAI base URL, the org's custom-llm key authorises, and the metadata goes along.</summary>
public sealed class CustomLlmChatTests
{
    [Fact]
    public async Task A_custom_llm_gets_the_key_and_the_chat_metadata()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Says("from my own model");
        await h.CreateAsync("/credential", """{"provider":"custom-llm","apiKey":"custom-key-123456"}""");

        var chat = await h.ChatAsync("""
            {"assistant":{"metadata":{"tenant":"acme"},"model":{"provider":"custom-llm","model":"my-model","url":"URL","metadataSendMode":"variable"}},"input":"hi"}
            """.Replace("URL", llm.BaseUrl));

        Assert.Equal("from my own model", ChatHarness.LastOutputText(chat));
        var request = Assert.Single(llm.Requests);
        Assert.Equal("my-model", request["model"]!.GetValue<string>());
        Assert.Equal("Bearer custom-key-123456", Assert.Single(llm.Authorizations));
        Assert.Equal("acme", request["metadata"]!["tenant"]!.GetValue<string>());
        Assert.Equal(chat["id"]!.GetValue<string>(), request["chat"]!["id"]!.GetValue<string>());
        Assert.Empty(h.Model.Requests);
    }
}
