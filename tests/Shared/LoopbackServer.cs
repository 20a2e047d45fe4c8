using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Parley.Testing;

/// <summary>A request as a fake server saw it.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A small Kestrel app on 127.0.0.1 with an OS-chosen port, for fake providers, tool and webhook servers. One
/// source file shared by the test projects (linked, not copied).
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    public Uri BaseUri => new(BaseUrl + "/");

    /// <summary>Every request, when the server was started with a recording responder.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Maps whatever routes the test needs.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LoopbackServer(app, app.Urls.First().TrimEnd('/'));
    }

    /// <summary>One handler for every request, WebSockets included.</summary>
    public static Task<LoopbackServer> StartAsync(RequestDelegate handler) => StartAsync(app =>
    {
        app.UseWebSockets();
        app.Run(handler);
    });

    /// <summary>Records every request (method, path, headers, body) before the test's responder answers it.</summary>
    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, ReceivedRequest, Task> respond)
    {
        LoopbackServer? server = null;
        server = await StartAsync(app => app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedRequest(context.Request.Method, context.Request.Path, headers, body);
            server!.Requests.Enqueue(received);
            await respond(context, received);
        }));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
