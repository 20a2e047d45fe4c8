using System.Text.Json.Nodes;
using Parley.Core.Llm;
using Parley.Providers.Llm;
using Parley.Providers.Llm.OpenAiCompatible;

namespace Parley.Providers.Tests.Llm;

public sealed class OpenAiCompatibleChatModelTests : IAsyncLifetime
{
    private FakeLlmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeLlmServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatModel Model(string provider = "openai", string? key = "sk-test", string? url = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var settings = new LlmProviderSettings
        {
            Http = LlmTestKit.Http,
            Keys = LlmTestKit.Keys(key),
            BaseUrls = new ProviderBaseUrls(new Dictionary<string, string> { ["openai"] = _server.BaseUrl + "/v1" }, _ => null),
            MaxAttempts = 1,
        };
        return new OpenAiCompatibleChatModelProvider(settings).Create(new ChatModelOptions
        {
            Provider = provider,
            Model = "gpt-4o-mini",
            BaseUrl = url,
            Headers = headers ?? new Dictionary<string, string>(),
        });
    }

    private JsonObject LastBody() => JsonNode.Parse(_server.Requests[^1].Body)!.AsObject();

    [Fact]
    public async Task Text_split_mid_line_and_mid_json_is_reassembled_with_usage()
    {
        var body = OpenAiSse.Role() + OpenAiSse.Text("The wea") + OpenAiSse.Text("ther is ☀️ ") + OpenAiSse.Text("today.") +
                   OpenAiSse.Finish("stop") + OpenAiSse.Usage(42, 7, cached: 5) + OpenAiSse.Done;
        foreach (var pieceSize in new[] { 1, 3, 13, 64 })
        {
            _server.ThenStream(body, pieceSize);
            var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
            Assert.Equal(["The wea", "ther is ☀️ ", "today."], deltas.OfType<ChatTextDelta>().Select(d => d.Text));
            Assert.Equal(new ChatCompleted(ChatFinishReason.Stop, new ChatUsage(42, 7, 5)), deltas[^1]);
        }
        Assert.Equal("/v1/chat/completions", _server.Requests[0].Path);
        Assert.Equal("Bearer sk-test", _server.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task Tool_call_arguments_in_fragments_assemble_into_one_call()
    {
        _server.ThenStream(OpenAiSse.Role() + OpenAiSse.ToolStart(0, "call_abc", "get_weather") +
            OpenAiSse.ToolArgs(0, "{\"ci") + OpenAiSse.ToolArgs(0, "ty\": \"Par") + OpenAiSse.ToolArgs(0, "is\"}") +
            OpenAiSse.Finish("tool_calls") + OpenAiSse.Done);
        var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello() with { Tools = [LlmTestKit.WeatherTool()] });
        var answer = LlmTestKit.Answer(deltas);
        Assert.Equal([new ToolCall("call_abc", "get_weather", "{\"city\": \"Paris\"}")], answer.ToolCalls);
        Assert.Equal(ChatFinishReason.ToolCalls, answer.Completed?.Reason);
        Assert.Equal(4, deltas.OfType<ChatToolCallDelta>().Count());
    }

    [Fact]
    public async Task Parallel_tool_calls_keep_their_indexes()
    {
        _server.ThenStream(OpenAiSse.ToolStart(0, "call_1", "get_weather") + OpenAiSse.ToolArgs(0, "{\"city\":") +
            OpenAiSse.ToolStart(1, "call_2", "get_weather") + OpenAiSse.ToolArgs(1, "{\"city\":\"Oslo\"}") +
            OpenAiSse.ToolArgs(0, "\"Rome\"}") + OpenAiSse.Finish("tool_calls") + OpenAiSse.Done, pieceSize: 5);
        var answer = LlmTestKit.Answer(await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello()));
        Assert.Equal([new ToolCall("call_1", "get_weather", "{\"city\":\"Rome\"}"), new ToolCall("call_2", "get_weather", "{\"city\":\"Oslo\"}")],
            answer.ToolCalls);
    }

    [Fact]
    public async Task Tool_results_round_trip_into_the_next_request_body()
    {
        _server.ThenStream(OpenAiSse.Text("It is sunny.") + OpenAiSse.Finish("stop") + OpenAiSse.Done);
        var request = new ChatRequest
        {
            Model = "gpt-4o-mini",
            Messages =
            [
                ChatMessage.System("Be brief."),
                ChatMessage.User("Weather in Paris?"),
                ChatMessage.Assistant(null, [new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")]),
                ChatMessage.ToolResult("call_1", "get_weather", "sunny, 21C"),
            ],
            Tools = [LlmTestKit.WeatherTool() with { Strict = true }],
            Temperature = 0.3,
            MaxTokens = 120,
        };
        await LlmTestKit.CollectAsync(Model(), request);

        var expected = JsonNode.Parse("""
            {"model":"gpt-4o-mini","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny, 21C"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a city",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}],
             "temperature":0.3,"max_tokens":120,"stream":true,"stream_options":{"include_usage":true}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, LastBody()), LastBody().ToJsonString());
    }

    [Theory]
    [InlineData("/v1", "/v1/chat/completions")]
    [InlineData("/v1/", "/v1/chat/completions")]
    [InlineData("/api/chat/completions", "/api/chat/completions")]
    public async Task Custom_llm_url_gets_chat_completions_appended_only_once(string suffix, string expectedPath)
    {
        _server.ThenStream(OpenAiSse.Text("hi") + OpenAiSse.Done);
        await LlmTestKit.CollectAsync(Model("custom-llm", key: null, url: _server.BaseUrl + suffix), LlmTestKit.Hello());
        Assert.Equal(expectedPath, _server.Requests.Single().Path);
    }

    [Fact]
    public async Task Custom_llm_sends_extra_headers_but_cannot_override_authorization()
    {
        _server.ThenStream(OpenAiSse.Text("hi") + OpenAiSse.Done);
        var headers = new Dictionary<string, string> { ["X-Tenant"] = "acme", ["Authorization"] = "Bearer stolen" };
        await LlmTestKit.CollectAsync(Model("custom-llm", key: "cl-key", url: _server.BaseUrl, headers: headers), LlmTestKit.Hello());
        var received = _server.Requests.Single().Headers;
        Assert.Equal("acme", received["X-Tenant"]);
        Assert.Equal("Bearer cl-key", received["Authorization"]);
    }

    [Fact]
    public async Task Custom_llm_without_a_key_sends_no_authorization_like_a_local_ollama_server()
    {
        _server.ThenStream(OpenAiSse.Text("hi") + OpenAiSse.Finish("stop") + OpenAiSse.Done);
        var answer = LlmTestKit.Answer(await LlmTestKit.CollectAsync(Model("custom-llm", key: null, url: _server.BaseUrl + "/v1"), LlmTestKit.Hello()));
        Assert.Equal("hi", answer.Text);
        Assert.False(_server.Requests.Single().Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Extra_body_fields_are_merged_at_top_level_without_replacing_core_fields()
    {
        _server.ThenStream(OpenAiSse.Text("hi") + OpenAiSse.Done);
        var extra = JsonNode.Parse("""{"metadata":{"plan":"gold"},"call":{"id":"c-1"},"customer":{"number":"+15551234567"},"model":"evil","stream":false}""")!.AsObject();
        await LlmTestKit.CollectAsync(Model("custom-llm", key: null, url: _server.BaseUrl), LlmTestKit.Hello() with { ExtraBody = extra });
        var body = LastBody();
        Assert.Equal("gold", (string?)body["metadata"]!["plan"]);
        Assert.Equal("c-1", (string?)body["call"]!["id"]);
        Assert.Equal("+15551234567", (string?)body["customer"]!["number"]);
        Assert.Equal("test-model", (string?)body["model"]);
        Assert.True((bool)body["stream"]!);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("delta")]
    public async Task A_whole_json_answer_is_accepted_instead_of_a_stream(string member)
    {
        _server.ThenJson(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"" + member +
            "\":{\"role\":\"assistant\",\"content\":\"Hello there\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}");
        var deltas = await LlmTestKit.CollectAsync(Model("custom-llm", key: null, url: _server.BaseUrl), LlmTestKit.Hello());
        Assert.Equal([new ChatTextDelta("Hello there"), new ChatCompleted(ChatFinishReason.Stop, new ChatUsage(9, 2))], deltas);
    }

    [Fact]
    public async Task A_whole_json_answer_labelled_as_plain_text_is_still_understood()
    {
        _server.Then(async context =>
        {
            context.Response.ContentType = "text/plain";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response,
                "{\"object\":\"chat.completion\",\n\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Plain: fine\"},\"finish_reason\":\"stop\"}]}");
        });
        var deltas = await LlmTestKit.CollectAsync(Model("custom-llm", key: null, url: _server.BaseUrl), LlmTestKit.Hello());
        Assert.Equal([new ChatTextDelta("Plain: fine"), new ChatCompleted(ChatFinishReason.Stop, ChatUsage.None)], deltas);
    }

    [Fact]
    public async Task A_whole_json_answer_with_tool_calls_numbers_them_by_position()
    {
        _server.ThenJson(200, """
            {"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
              {"id":"a","type":"function","function":{"name":"one","arguments":"{}"}},
              {"id":"b","type":"function","function":{"name":"two","arguments":{"x":1}}}]},"finish_reason":"tool_calls"}]}
            """);
        var answer = LlmTestKit.Answer(await LlmTestKit.CollectAsync(Model("custom-llm", key: null, url: _server.BaseUrl), LlmTestKit.Hello()));
        Assert.Equal([new ToolCall("a", "one", "{}"), new ToolCall("b", "two", "{\"x\":1}")], answer.ToolCalls);
        Assert.Equal(ChatFinishReason.ToolCalls, answer.Completed?.Reason);
    }

    [Fact]
    public async Task A_stream_cut_off_before_finish_is_a_failure_not_a_completion()
    {
        _server.ThenStream(OpenAiSse.Text("half an ans"));
        var deltas = await LlmTestKit.CollectAsync(Model(), LlmTestKit.Hello());
        var failure = Assert.IsType<ChatFailed>(deltas[^1]);
        Assert.Contains("ended before finish_reason", failure.Message);
    }

    [Fact]
    public async Task Custom_llm_without_a_url_fails_clearly()
    {
        var failure = Assert.IsType<ChatFailed>(Assert.Single(await LlmTestKit.CollectAsync(Model("custom-llm", key: null), LlmTestKit.Hello())));
        Assert.Equal("no URL for provider custom-llm: set model.url or PARLEY_CUSTOM_LLM_BASE_URL", failure.Message);
    }

    [Theory]
    [InlineData("openai", "https://api.openai.com/v1/chat/completions")]
    [InlineData("groq", "https://api.groq.com/openai/v1/chat/completions")]
    [InlineData("openrouter", "https://openrouter.ai/api/v1/chat/completions")]
    [InlineData("together-ai", "https://api.together.xyz/v1/chat/completions")]
    [InlineData("deepinfra", "https://api.deepinfra.com/v1/openai/chat/completions")]
    public void Each_vendor_defaults_to_its_documented_endpoint(string provider, string endpoint)
    {
        var settings = new LlmProviderSettings { Http = LlmTestKit.Http, Keys = LlmTestKit.Keys("k"), BaseUrls = new ProviderBaseUrls(null, _ => null), MaxAttempts = 1 };
        var model = new OpenAiCompatibleChatModelProvider(settings).Create(new ChatModelOptions { Provider = provider, Model = "m" });
        Assert.Equal(endpoint, Assert.IsType<OpenAiCompatibleChatModel>(model).Endpoint.ToString());
    }
}
