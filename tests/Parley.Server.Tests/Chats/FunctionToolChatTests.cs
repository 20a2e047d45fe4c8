using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chats;

/// <summary>
/// Function tools in a chat: the tool-calls server message as seed 002 shows it goes to the resolved server with
/// its secret and headers; the server's result is fed back to the model; every way the server can fail becomes a
/// result that says what went wrong, and the chat goes on.
/// </summary>
public sealed class FunctionToolChatTests
{
    private const string WeatherTool = """
        {"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"location":{"type":"string"}}}},
         "server":{"url":"SERVER/tools","secret":"tool-secret","headers":{"x-user":"{{userId}}"}},
         "messages":[{"type":"request-start","content":"Checking the weather in {{location}}"},
                     {"type":"request-start","content":"Checking Paris","conditions":[{"param":"location","operator":"eq","value":"Paris"}]}]}
        """;

    [Fact]
    public async Task The_tool_calls_message_matches_Vapis_format_and_the_result_reaches_the_model()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var tools = await RecordingServer.StartAsync(r => Results.Json(new { results = new[] { new { toolCallId = "call_w", result = "62F and sunny" } } }));
        var toolId = await h.CreateAsync("/tool", WeatherTool.Replace("SERVER", tools.BaseUrl));
        h.Model.Calls(("call_w", "get_weather", """{"location":"San Francisco"}""")).Answers(r => "Model saw: " + FakeOpenAiServer.LastToolResult(r));

        var chat = await h.ChatAsync("""{"assistant":{"name":"Weather","model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"assistantOverrides":{"variableValues":{"userId":"u-7"}},"input":"Weather in SF?"}""".Replace("TOOL", toolId));

        Assert.Equal("Model saw: 62F and sunny", ChatHarness.LastOutputText(chat));
        var sent = Assert.Single(tools.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("tool-secret", sent.Headers["x-vapi-secret"]);
        Assert.Equal("u-7", sent.Headers["x-user"]);
        var message = sent.Json["message"]!.AsObject();
        Assert.Equal("tool-calls", message["type"]!.GetValue<string>());
        Assert.True(message["timestamp"]!.GetValue<long>() > 1_700_000_000_000);
        var call = message["toolCallList"]![0]!;
        Assert.Equal("call_w", call["id"]!.GetValue<string>());
        Assert.Equal("get_weather", call["name"]!.GetValue<string>());
        Assert.Equal("San Francisco", call["arguments"]!["location"]!.GetValue<string>());
        Assert.Equal("San Francisco", call["function"]!["arguments"]!["location"]!.GetValue<string>());
        var withCall = message["toolWithToolCallList"]![0]!;
        Assert.Equal("function", withCall["type"]!.GetValue<string>());
        Assert.Equal("get_weather", withCall["function"]!["name"]!.GetValue<string>());
        Assert.Equal("call_w", withCall["toolCall"]!["id"]!.GetValue<string>());
        Assert.Equal("San Francisco", withCall["toolCall"]!["function"]!["parameters"]!["location"]!.GetValue<string>());
        Assert.NotNull(message["artifact"]!["messages"]);
        Assert.Equal("Weather", message["assistant"]!["name"]!.GetValue<string>());
        Assert.Equal(chat["id"]!.GetValue<string>(), message["chat"]!["id"]!.GetValue<string>());

        var toolMessages = chat["toolMessages"]!.AsArray();
        Assert.Equal("Checking the weather in San Francisco", Assert.Single(toolMessages)!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chat_gets_no_filler_for_a_tool_without_a_request_start_message()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var tools = await RecordingServer.StartAsync(r => Results.Json(new { results = new[] { new { toolCallId = "call_w", result = "sunny" } } }));
        var toolId = await h.CreateAsync("/tool", """{"type":"function","function":{"name":"get_weather"},"server":{"url":"SERVER"}}""".Replace("SERVER", tools.BaseUrl));
        h.Model.Calls(("call_w", "get_weather", "{}")).Answers(_ => "Sunny.");

        var chat = await h.ChatAsync("""{"assistant":{"name":"Weather","model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"Weather?"}""".Replace("TOOL", toolId));

        Assert.Equal("Sunny.", ChatHarness.LastOutputText(chat));
        Assert.Empty(chat["toolMessages"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task A_blocking_request_start_message_holds_a_chats_tool_only_until_it_is_delivered()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var tools = await RecordingServer.StartAsync(r => Results.Json(new { results = new[] { new { toolCallId = "call_w", result = "sunny" } } }));
        var toolId = await h.CreateAsync("/tool", """
            {"type":"function","function":{"name":"get_weather"},"server":{"url":"SERVER"},
             "messages":[{"type":"request-start","content":"Checking now.","blocking":true}]}
            """.Replace("SERVER", tools.BaseUrl));
        h.Model.Calls(("call_w", "get_weather", "{}")).Answers(r => "Saw: " + FakeOpenAiServer.LastToolResult(r));

        // Nothing is spoken in a chat, so nothing may keep the tool waiting: a hang here fails by the time limit.
        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"Weather?"}""".Replace("TOOL", toolId))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Saw: sunny", ChatHarness.LastOutputText(chat));
        Assert.Single(tools.Requests);
        Assert.Equal("Checking now.", Assert.Single(chat["toolMessages"]!.AsArray())!["content"]!.GetValue<string>());
    }

    public static TheoryData<int, string, string> BrokenServers => new()
    {
        { 500, "kaput", "The tool server answered HTTP 500: kaput" },
        { 200, "this is not json", "The tool server's answer is not JSON: this is not json" },
        { 200, """{"status":"ok"}""", "The tool server's answer has no results array, so no result was returned." },
    };

    [Theory]
    [MemberData(nameof(BrokenServers))]
    public async Task A_broken_tool_server_gives_the_model_an_error_and_the_chat_goes_on(int status, string body, string expected)
    {
        await using var h = await ChatHarness.StartAsync();
        await using var tools = await RecordingServer.StartAsync(_ => Results.Text(body, statusCode: status));
        var toolId = await h.CreateAsync("/tool", WeatherTool.Replace("SERVER", tools.BaseUrl));
        h.Model.Calls(("call_x", "get_weather", """{"location":"Oslo"}""")).Answers(r => "Sorry: " + FakeOpenAiServer.LastToolResult(r));

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"Weather?"}""".Replace("TOOL", toolId));
        Assert.Equal("Sorry: " + expected, ChatHarness.LastOutputText(chat));
    }

    [Fact]
    public async Task A_slow_tool_server_times_out_with_a_message()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var tools = await RecordingServer.StartAsync(_ => { Thread.Sleep(2500); return Results.Ok(); });
        var toolId = await h.CreateAsync("/tool", """{"type":"function","function":{"name":"slow"},"server":{"url":"SERVER","timeoutSeconds":1}}""".Replace("SERVER", tools.BaseUrl));
        h.Model.Calls(("call_s", "slow", "{}")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"go"}""".Replace("TOOL", toolId));
        Assert.Equal($"The tool server at {tools.BaseUrl} did not answer in time.", ChatHarness.LastOutputText(chat));
    }

    [Fact]
    public async Task The_server_url_falls_back_from_tool_to_assistant_to_org()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var assistantServer = await RecordingServer.StartAsync(_ => Results.Json(new { results = new[] { new { toolCallId = "c1", result = "from assistant server" } } }));
        await using var orgServer = await RecordingServer.StartAsync(_ => Results.Json(new { results = new[] { new { toolCallId = "c2", result = "from org server" } } }));
        var orgId = (await h.Client.GetJsonAsync("/org")).Array[0]!["id"]!.GetValue<string>();
        (await h.Client.PatchJsonAsync($"/org/{orgId}", """{"server":{"url":"URL"}}""".Replace("URL", orgServer.BaseUrl))).Expect(HttpStatusCode.OK);
        var toolId = await h.CreateAsync("/tool", """{"type":"function","function":{"name":"lookup"}}""");

        h.Model.Calls(("c1", "lookup", "{}")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);
        var viaAssistant = await h.ChatAsync("""{"assistant":{"server":{"url":"URL"},"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"x"}""".Replace("URL", assistantServer.BaseUrl).Replace("TOOL", toolId));
        h.Model.Calls(("c2", "lookup", "{}")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);
        var viaOrg = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"x"}""".Replace("TOOL", toolId));

        Assert.Equal("from assistant server", ChatHarness.LastOutputText(viaAssistant));
        Assert.Equal("from org server", ChatHarness.LastOutputText(viaOrg));
    }

    [Fact]
    public async Task Async_tools_do_not_wait_for_the_server()
    {
        await using var h = await ChatHarness.StartAsync();
        // The tool server holds every request until the test opens the gate: the chat can only finish first if
        // it does not wait for the answer.
        using var gate = new ManualResetEventSlim(false);
        await using var tools = await RecordingServer.StartAsync(_ => { gate.Wait(TimeSpan.FromSeconds(30)); return Results.Ok(); });
        var toolId = await h.CreateAsync("/tool", """{"type":"function","async":true,"function":{"name":"notify"},"server":{"url":"SERVER","timeoutSeconds":60}}""".Replace("SERVER", tools.BaseUrl));
        h.Model.Calls(("c_async", "notify", "{}")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"x"}""".Replace("TOOL", toolId));
        Assert.False(gate.IsSet);
        Assert.Equal("The request was sent. This tool is async, so no result is returned.", ChatHarness.LastOutputText(chat));
        gate.Set();
    }

    [Fact]
    public async Task Only_subscribed_server_messages_are_sent()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var hooks = await RecordingServer.StartAsync();
        h.Model.Says("a").Says("b");
        await h.ChatAsync("""{"assistant":{"server":{"url":"URL"},"serverMessages":["chat.created"],"model":{"provider":"openai","model":"gpt-4o"}},"input":"x"}""".Replace("URL", hooks.BaseUrl));
        await h.ChatAsync("""{"assistant":{"server":{"url":"URL"},"model":{"provider":"openai","model":"gpt-4o"}},"input":"x"}""".Replace("URL", hooks.BaseUrl));
        Assert.Single(hooks.MessagesOfType("chat.created"));
    }
}
