using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Parley.Providers.Tests.Speech.Deepgram;

/// <summary>
/// Speaks Deepgram's live protocol: rejects the upgrade with 401 on a wrong <c>Authorization: Token</c>, sends an
/// interim Results after the first audio, and on CloseStream a final Results, a Metadata message and a normal close.
/// </summary>
internal sealed class FakeDeepgramListenServer
{
    public const string GoodKey = "dg-good-key";
    public string? LastQuery { get; private set; }
    public long AudioBytes { get; private set; }
    public int KeepAlives { get; private set; }

    /// <summary>When set, the server closes with this code after the first audio frame.</summary>
    public (WebSocketCloseStatus Code, string Reason)? FailWith { get; init; }

    public async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/v1/listen" || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (context.Request.Headers.Authorization != "Token " + GoodKey)
        {
            context.Response.StatusCode = 401;
            return;
        }
        LastQuery = context.Request.QueryString.Value;
        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[65536];
        var sentInterim = false;
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) return;
            if (r.MessageType == WebSocketMessageType.Binary)
            {
                AudioBytes += r.Count;
                if (FailWith is { } fail)
                {
                    await ws.CloseAsync(fail.Code, fail.Reason, CancellationToken.None);
                    return;
                }
                if (!sentInterim)
                {
                    sentInterim = true;
                    await SendAsync(ws, Results("hello wor", isFinal: false, ("hello", 0.1, 0.4), ("wor", 0.4, 0.6)));
                }
                continue;
            }
            var text = Encoding.UTF8.GetString(buffer, 0, r.Count);
            var type = JsonDocument.Parse(text).RootElement.GetProperty("type").GetString();
            if (type == "KeepAlive") { KeepAlives++; continue; }
            if (type != "CloseStream") continue;
            await SendAsync(ws, Results("hello world", isFinal: true, ("hello", 0.1, 0.4), ("world", 0.4, 0.9)));
            await SendAsync(ws, """{"type":"Metadata","request_id":"r1","duration":1.0,"channels":1}""");
            await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return;
        }
    }

    private static string Results(string transcript, bool isFinal, params (string Word, double Start, double End)[] words) =>
        JsonSerializer.Serialize(new
        {
            type = "Results",
            channel_index = new[] { 0, 1 },
            duration = 1.0,
            start = 0.0,
            is_final = isFinal,
            speech_final = isFinal,
            channel = new
            {
                alternatives = new[]
                {
                    new
                    {
                        transcript,
                        confidence = 0.97,
                        words = words.Select(w => new { word = w.Word, start = w.Start, end = w.End, confidence = 0.9 }).ToArray(),
                    },
                },
            },
        });

    private static Task SendAsync(WebSocket ws, string json) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
}
