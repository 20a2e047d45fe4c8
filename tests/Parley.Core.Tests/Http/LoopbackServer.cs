using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Core.Tests.Http;

/// <summary>A request as the fake server saw it.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A Kestrel server on 127.0.0.1 with a random port whose answers a test scripts; it records every request.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, ReceivedRequest, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedRequest(context.Request.Method, context.Request.Path, headers, body);
            server!.Requests.Enqueue(received);
            await respond(context, received);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
