using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chats;

/// <summary>
/// apiRequest tools (seed 004): url, headers and body rendered with Liquid over the conversation's variables and
/// the model's arguments; static parameters merged; credentials; retries; variables extracted from the answer and
/// visible to every later template; rejection plans checked before the request is made.
/// </summary>
public sealed class ApiRequestToolChatTests
{
    [Fact]
    public async Task Url_headers_and_body_are_rendered_and_extracted_variables_are_kept()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var api = await RecordingServer.StartAsync(_ => Results.Json(new { customer = new { name = "Ada", tier = "gold" } }, statusCode: 200));
        var tool = """
            {"type":"apiRequest","name":"book","method":"POST","url":"BASE/orders/{{orderId}}?user={{userId}}",
             "headers":{"type":"object","properties":{"Authorization":{"type":"string","value":"Bearer {{userToken}}"}}},
             "body":{"type":"object","properties":{"orderId":{"type":"string"},"source":{"type":"string","value":"phone"},"caller":{"type":"string","default":"{{userId}}"}},"required":["orderId"]},
             "parameters":[{"key":"channel","value":"voice-{{userId}}"}],
             "variableExtractionPlan":{"aliases":[{"key":"customerName","value":"{{customer.name}}"}]}}
            """.Replace("BASE", api.BaseUrl);
        var toolId = await h.CreateAsync("/tool", tool);
        h.Model.Calls(("c1", "book", """{"orderId":"A-9"}""")).Answers(r => "done");

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"assistantOverrides":{"variableValues":{"userToken":"tok-1","userId":"u1"}},"input":"book it"}""".Replace("TOOL", toolId));

        var sent = Assert.Single(api.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/orders/A-9", sent.Path);
        Assert.Equal("?user=u1", sent.Query);
        Assert.Equal("Bearer tok-1", sent.Headers["authorization"]);
        var body = sent.Json;
        Assert.Equal("A-9", body["orderId"]!.GetValue<string>());
        Assert.Equal("phone", body["source"]!.GetValue<string>());
        Assert.Equal("u1", body["caller"]!.GetValue<string>());
        Assert.Equal("voice-u1", body["channel"]!.GetValue<string>());

        Assert.Equal("Ada", chat["artifact"]!["variableValues"]!["customerName"]!.GetValue<string>());
        // The model sees the response body as the tool result.
        Assert.Contains("\"tier\":\"gold\"", FakeOpenAiServer.LastToolResult(h.Model.Requests.Last()));
    }

    [Fact]
    public async Task Extracted_variables_are_visible_to_later_templates()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var api = await RecordingServer.StartAsync(r => r.Path == "/login"
            ? Results.Json(new { session = "s-42" })
            : Results.Json(new { ok = true }));
        var login = await h.CreateAsync("/tool", """{"type":"apiRequest","name":"login","method":"POST","url":"BASE/login","variableExtractionPlan":{"aliases":[{"key":"sessionId","value":"{{session}}"}]}}""".Replace("BASE", api.BaseUrl));
        var fetch = await h.CreateAsync("/tool", """{"type":"apiRequest","name":"fetch","method":"GET","url":"BASE/data?session={{sessionId}}"}""".Replace("BASE", api.BaseUrl));
        h.Model.Calls(("c1", "login", "{}")).Calls(("c2", "fetch", "{}")).Says("ok");

        await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["A","B"]}},"input":"go"}""".Replace("\"A\"", $"\"{login}\"").Replace("\"B\"", $"\"{fetch}\""));
        Assert.Equal("?session=s-42", api.Requests.Last().Query);
    }

    [Fact]
    public async Task Retryable_failures_are_retried_by_the_backoff_plan()
    {
        await using var h = await ChatHarness.StartAsync();
        var attempts = 0;
        await using var api = await RecordingServer.StartAsync(_ => Interlocked.Increment(ref attempts) < 3 ? Results.StatusCode(503) : Results.Json(new { ok = "third time" }));
        var toolId = await h.CreateAsync("/tool", """{"type":"apiRequest","name":"flaky","method":"GET","url":"BASE/x","backoffPlan":{"type":"fixed","maxRetries":3,"baseDelaySeconds":0}}""".Replace("BASE", api.BaseUrl));
        h.Model.Calls(("c1", "flaky", "{}")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"go"}""".Replace("TOOL", toolId));
        Assert.Equal(3, attempts);
        Assert.Contains("third time", ChatHarness.LastOutputText(chat));
    }

    [Fact]
    public async Task A_rejection_plan_stops_the_request_and_tells_the_model()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var api = await RecordingServer.StartAsync(_ => Results.Json(new { ok = true }));
        var toolId = await h.CreateAsync("/tool", """
            {"type":"apiRequest","name":"cancel_order","method":"POST","url":"BASE/cancel",
             "rejectionPlan":{"conditions":[{"type":"regex","regex":"(?i)\\b(cancel)\\b","target":{"position":-1,"role":"user"},"negate":true}]}}
            """.Replace("BASE", api.BaseUrl));
        h.Model.Calls(("c1", "cancel_order", "{}")).Answers(r => FakeOpenAiServer.LastToolResult(r)!);

        var chat = await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"what's the weather?"}""".Replace("TOOL", toolId));
        Assert.Empty(api.Requests);
        Assert.StartsWith("The tool call was rejected and did not run", ChatHarness.LastOutputText(chat));
    }

    [Fact]
    public async Task A_bearer_credential_authenticates_the_request()
    {
        await using var h = await ChatHarness.StartAsync();
        await using var api = await RecordingServer.StartAsync(_ => Results.Json(new { ok = true }));
        var credentialId = await h.CreateAsync("/credential", """{"provider":"custom-credential","authenticationPlan":{"type":"bearer","token":"cred-token-123"}}""");
        var toolId = await h.CreateAsync("/tool", """{"type":"apiRequest","name":"secure","method":"GET","url":"BASE/x","credentialId":"CRED"}""".Replace("BASE", api.BaseUrl).Replace("CRED", credentialId));
        h.Model.Calls(("c1", "secure", "{}")).Says("ok");

        await h.ChatAsync("""{"assistant":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["TOOL"]}},"input":"go"}""".Replace("TOOL", toolId));
        Assert.Equal("Bearer cred-token-123", Assert.Single(api.Requests).Headers["authorization"]);
    }
}
