using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Providers.Tests.Llm;

/// <summary>A request the fake server received.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// An in-process HTTP server on loopback that answers each request with the next scripted responder and records
/// what it received. Bodies are written in small pieces with a flush after each, so clients see awkward splits.
/// </summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _responders = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();

    private FakeLlmServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>Completes when the server has received this many requests.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        for (var i = 0; i < 2000 && _requests.Count < count; i++) await Task.Delay(5);
        Assert.True(_requests.Count >= count, $"expected {count} requests, got {_requests.Count}");
    }

    public static async Task<FakeLlmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeLlmServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First();
        return server;
    }

    public FakeLlmServer Then(Func<HttpContext, Task> responder)
    {
        _responders.Enqueue(responder);
        return this;
    }

    /// <summary>Answers 200 text/event-stream with <paramref name="body"/>, delivered <paramref name="pieceSize"/> bytes at a time.</summary>
    public FakeLlmServer ThenStream(string body, int pieceSize = 7) => Then(async context =>
    {
        context.Response.ContentType = "text/event-stream";
        await WritePiecesAsync(context, body, pieceSize);
    });

    /// <summary>Streams <paramref name="body"/>, then keeps the connection open without sending anything more.</summary>
    public FakeLlmServer ThenStreamAndStall(string body) => Then(async context =>
    {
        context.Response.ContentType = "text/event-stream";
        await WritePiecesAsync(context, body, 7);
        await Stall(context);
    });

    /// <summary>Streams <paramref name="first"/>, waits for <paramref name="release"/>, then streams <paramref name="second"/>.</summary>
    public FakeLlmServer ThenStreamInTwoParts(string first, Task release, string second) => Then(async context =>
    {
        context.Response.ContentType = "text/event-stream";
        await WritePiecesAsync(context, first, 7);
        await release.WaitAsync(context.RequestAborted);
        await WritePiecesAsync(context, second, 7);
    });

    /// <summary>Never answers (no headers, no body) until the client gives up.</summary>
    public FakeLlmServer ThenStall() => Then(Stall);

    public FakeLlmServer ThenJson(int status, string json, params (string Name, string Value)[] headers) => Then(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(json);
    });

    private async Task Stall(HttpContext context)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WritePiecesAsync(HttpContext context, string body, int pieceSize)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var offset = 0; offset < bytes.Length; offset += pieceSize)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(pieceSize, bytes.Length - offset)));
            await context.Response.Body.FlushAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
        if (_responders.TryDequeue(out var responder)) await responder(context);
        else context.Response.StatusCode = 599;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
