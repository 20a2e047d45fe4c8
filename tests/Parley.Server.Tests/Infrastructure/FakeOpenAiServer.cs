using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// An OpenAI chat-completions server on loopback that streams scripted answers (SSE chunks, as OpenAI sends
/// them) and records every request body, so tests can assert what Parley sent the model.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<JsonObject, IEnumerable<string>>> _answers = new();
    private LoopbackServer? _server;
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>The Authorization header of each request, in order.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();
    public string BaseUrl => _server!.BaseUrl + "/v1";

    /// <summary>Answers with this status and body instead of a stream (for errors).</summary>
    public (int Status, string Body)? FailWith { get; set; }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var fake = new FakeOpenAiServer();
        fake._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", fake.HandleAsync));
        return fake;
    }

    public FakeOpenAiServer Says(string text)
    {
        _answers.Enqueue(_ => TextChunks(text));
        return this;
    }

    public FakeOpenAiServer Calls(params (string Id, string Name, string Arguments)[] calls)
    {
        _answers.Enqueue(_ => ToolCallChunks(calls));
        return this;
    }

    /// <summary>Answers with text computed from the request (e.g. echoing the last tool result).</summary>
    public FakeOpenAiServer Answers(Func<JsonObject, string> text)
    {
        _answers.Enqueue(request => TextChunks(text(request)));
        return this;
    }

    /// <summary>The content of the last tool message in a request, or null.</summary>
    public static string? LastToolResult(JsonObject request) =>
        request["messages"]!.AsArray().OfType<JsonObject>().LastOrDefault(m => m["role"]?.GetValue<string>() == "tool")?["content"]?.GetValue<string>();

    private async Task HandleAsync(HttpContext http)
    {
        var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        Requests.Enqueue(request);
        Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        if (FailWith is { } failure)
        {
            http.Response.StatusCode = failure.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(failure.Body);
            return;
        }
        var chunks = _answers.TryDequeue(out var answer) ? answer(request) : TextChunks("(the fake model has no more answers)");
        http.Response.ContentType = "text/event-stream";
        foreach (var chunk in chunks)
        {
            await http.Response.WriteAsync($"data: {chunk}\n\n");
            await http.Response.Body.FlushAsync();
        }
        if (Usage is { } usage)
            await http.Response.WriteAsync("data: " + new JsonObject
            {
                ["id"] = "chatcmpl-test", ["object"] = "chat.completion.chunk", ["choices"] = new JsonArray(),
                ["usage"] = new JsonObject { ["prompt_tokens"] = usage.Prompt, ["completion_tokens"] = usage.Completion, ["total_tokens"] = usage.Prompt + usage.Completion },
            }.ToJsonString() + "\n\n");
        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>When set, every streamed answer ends with this usage chunk, as stream_options.include_usage asks.</summary>
    public (int Prompt, int Completion)? Usage { get; set; }

    private static IEnumerable<string> TextChunks(string text)
    {
        var half = text.Length / 2;
        foreach (var piece in new[] { text[..half], text[half..] })
            yield return Chunk(new JsonObject { ["content"] = piece }, null);
        yield return Chunk(new JsonObject(), "stop");
    }

    private static IEnumerable<string> ToolCallChunks((string Id, string Name, string Arguments)[] calls)
    {
        for (var i = 0; i < calls.Length; i++)
        {
            var (id, name, arguments) = calls[i];
            yield return Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = i, ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "" },
            }) }, null);
            yield return Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = i, ["function"] = new JsonObject { ["arguments"] = arguments },
            }) }, null);
        }
        yield return Chunk(new JsonObject(), "tool_calls");
    }

    private static string Chunk(JsonObject delta, string? finish) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion.chunk",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
