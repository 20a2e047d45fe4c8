using System.Text.Json.Nodes;
using Parley.Core.Llm;
using Parley.Providers.Llm;
using Parley.Providers.Llm.Anthropic;

namespace Parley.Providers.Tests.Llm;

public sealed class AnthropicChatModelTests : IAsyncLifetime
{
    private FakeLlmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeLlmServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatModel Model() => new AnthropicChatModelProvider(new LlmProviderSettings
    {
        Http = LlmTestKit.Http,
        Keys = LlmTestKit.Keys("sk-ant-test"),
        BaseUrls = new ProviderBaseUrls(null, name => name == "PARLEY_ANTHROPIC_BASE_URL" ? _server.BaseUrl : null),
        MaxAttempts = 1,
    }).Create(new ChatModelOptions { Provider = "anthropic", Model = "claude-sonnet-4-5" });

    private JsonObject LastBody() => JsonNode.Parse(_server.Requests[^1].Body)!.AsObject();

    [Fact]
    public async Task Text_stream_split_anywhere_is_reassembled_with_usage_and_headers()
    {
        var body = AnthropicSse.MessageStart(inputTokens: 30) + AnthropicSse.TextStart(0) + AnthropicSse.Ping() +
                   AnthropicSse.Text(0, "Bonjour, ") + AnthropicSse.Text(0, "ça va ?") + AnthropicSse.Stop(0) +
                   AnthropicSse.MessageDelta("end_turn", 9) + AnthropicSse.MessageStop();
        foreach (var pieceSize in new[] { 1, 4, 17, 200 })
        {
            _server.ThenStream(body, pieceSize);
            var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
            Assert.Equal(["Bonjour, ", "ça va ?"], deltas.OfType<ChatTextDelta>().Select(d => d.Text));
            Assert.Equal(new ChatCompleted(ChatFinishReason.Stop, new ChatUsage(30, 9)), deltas[^1]);
        }
        var request = _server.Requests[0];
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("sk-ant-test", request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Tool_use_json_fragments_assemble_into_one_call()
    {
        _server.ThenStream(AnthropicSse.MessageStart() + AnthropicSse.ToolStart(0, "toolu_01", "get_weather") +
            AnthropicSse.ToolArgs(0, "") + AnthropicSse.ToolArgs(0, "{\"city\": \"Pa") + AnthropicSse.ToolArgs(0, "ris\"}") +
            AnthropicSse.Stop(0) + AnthropicSse.MessageDelta("tool_use", 40) + AnthropicSse.MessageStop(), pieceSize: 3);
        var answer = LlmTestKit.Answer(await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello()));
        Assert.Equal([new ToolCall("toolu_01", "get_weather", "{\"city\": \"Paris\"}")], answer.ToolCalls);
        Assert.Equal(ChatFinishReason.ToolCalls, answer.Completed?.Reason);
    }

    [Fact]
    public async Task Text_then_parallel_tool_uses_are_numbered_from_zero()
    {
        _server.ThenStream(AnthropicSse.MessageStart() + AnthropicSse.TextStart(0) + AnthropicSse.Text(0, "Checking both.") + AnthropicSse.Stop(0) +
            AnthropicSse.ToolStart(1, "toolu_a", "get_weather") + AnthropicSse.ToolArgs(1, "{\"city\":\"Rome\"}") + AnthropicSse.Stop(1) +
            AnthropicSse.ToolStart(2, "toolu_b", "get_weather") + AnthropicSse.ToolArgs(2, "{\"city\":\"Oslo\"}") + AnthropicSse.Stop(2) +
            AnthropicSse.MessageDelta("tool_use", 60) + AnthropicSse.MessageStop());
        var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
        var answer = LlmTestKit.Answer(deltas);
        Assert.Equal("Checking both.", answer.Text);
        Assert.Equal([new ToolCall("toolu_a", "get_weather", "{\"city\":\"Rome\"}"), new ToolCall("toolu_b", "get_weather", "{\"city\":\"Oslo\"}")],
            answer.ToolCalls);
        Assert.Equal([0, 0, 1, 1], deltas.OfType<ChatToolCallDelta>().Select(d => d.Index));
    }

    [Fact]
    public async Task Request_puts_system_on_top_merges_roles_and_sends_tool_results_as_blocks()
    {
        _server.ThenStream(AnthropicSse.MessageStart() + AnthropicSse.MessageDelta("end_turn", 1) + AnthropicSse.MessageStop());
        var request = new ChatRequest
        {
            Model = "claude-sonnet-4-5",
            Messages =
            [
                ChatMessage.System("Be brief."),
                ChatMessage.User("Weather in Rome"),
                ChatMessage.User("and Oslo?"),
                ChatMessage.Assistant("Checking.", [new ToolCall("toolu_a", "get_weather", "{\"city\":\"Rome\"}"), new ToolCall("toolu_b", "get_weather", "")]),
                ChatMessage.ToolResult("toolu_a", "get_weather", "sunny"),
                ChatMessage.ToolResult("toolu_b", "get_weather", "snow"),
                ChatMessage.System("Answer in one sentence."),
            ],
            Tools = [LlmTestKit.WeatherTool()],
            Temperature = 0.5,
        };
        await LlmTestKit.CollectAsync(Model(), request);

        var expected = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","max_tokens":250,"system":"Be brief.\n\nAnswer in one sentence.",
             "messages":[
               {"role":"user","content":[{"type":"text","text":"Weather in Rome"},{"type":"text","text":"and Oslo?"}]},
               {"role":"assistant","content":[{"type":"text","text":"Checking."},
                 {"type":"tool_use","id":"toolu_a","name":"get_weather","input":{"city":"Rome"}},
                 {"type":"tool_use","id":"toolu_b","name":"get_weather","input":{}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_a","content":"sunny"},
                 {"type":"tool_result","tool_use_id":"toolu_b","content":"snow"}]}],
             "tools":[{"name":"get_weather","description":"Weather for a city",
               "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
             "temperature":0.5,"stream":true}
            """);
        Assert.True(JsonNode.DeepEquals(expected, LastBody()), LastBody().ToJsonString());
    }

    [Fact]
    public async Task Max_tokens_from_the_request_wins_over_the_default()
    {
        _server.ThenStream(AnthropicSse.MessageStart() + AnthropicSse.MessageStop());
        await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello() with { MaxTokens = 1000 });
        Assert.Equal(1000, (int)LastBody()["max_tokens"]!);
    }

    [Fact]
    public async Task Overloaded_error_event_is_transient_and_invalid_request_event_is_permanent()
    {
        _server.ThenStream(AnthropicSse.MessageStart() + AnthropicSse.Error("overloaded_error", "Overloaded"))
               .ThenStream(AnthropicSse.MessageStart() + AnthropicSse.Error("invalid_request_error", "bad tool schema"));
        var first = Assert.IsType<ChatFailed>((await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello()))[^1]);
        var second = Assert.IsType<ChatFailed>((await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello()))[^1]);
        Assert.Equal(ProviderFailureKind.Transient, first.Kind);
        Assert.Equal("anthropic reported an error mid-answer (overloaded_error): Overloaded", first.Message);
        Assert.Equal(ProviderFailureKind.Permanent, second.Kind);
    }

    [Fact]
    public async Task A_stream_cut_off_before_message_stop_is_a_failure()
    {
        _server.ThenStream(AnthropicSse.MessageStart() + AnthropicSse.TextStart(0) + AnthropicSse.Text(0, "Hal"));
        var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
        Assert.Equal("Hal", Assert.IsType<ChatTextDelta>(deltas[0]).Text);
        Assert.Contains("ended before message_stop", Assert.IsType<ChatFailed>(deltas[^1]).Message);
    }
}
