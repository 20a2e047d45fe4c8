using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A request a recording server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>
/// A user's server on loopback (tool server, webhook server): records every request and answers with whatever
/// the test's responder returns.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private LoopbackServer? _server;
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public Func<RecordedRequest, IResult> Responder { get; set; } = _ => Results.Ok();
    public string BaseUrl => _server!.BaseUrl;

    public static async Task<RecordingServer> StartAsync(Func<RecordedRequest, IResult>? responder = null)
    {
        var recording = new RecordingServer();
        if (responder is not null) recording.Responder = responder;
        recording._server = await LoopbackServer.StartAsync(app => app.Map("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var request = new RecordedRequest(http.Request.Method, http.Request.Path, http.Request.QueryString.Value ?? "",
                http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body);
            recording.Requests.Enqueue(request);
            return recording.Responder(request);
        }));
        return recording;
    }

    public IEnumerable<RecordedRequest> MessagesOfType(string type) =>
        Requests.Where(r => r.Body.StartsWith('{') && JsonNode.Parse(r.Body)?["message"]?["type"]?.GetValue<string>() == type);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
