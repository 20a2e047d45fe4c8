using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Parley.Providers.Tests.Speech.ElevenLabs;

/// <summary>
/// ElevenLabs stream-input: BOS message with a single space, key and voice settings; text chunks; EOS with empty
/// text. Answers each chunk with base64 PCM split over two messages, then <c>isFinal</c>. A wrong key is closed with 1008.
/// </summary>
internal sealed class FakeElevenLabsServer
{
    public const string Key = "xi-test";
    public string? Query { get; private set; }
    public string? Voice { get; private set; }
    public JsonElement? Opening { get; private set; }
    public List<string> Chunks { get; } = [];

    /// <summary>Whether each chunk asked to be voiced at once (ElevenLabs' <c>flush</c>).</summary>
    public List<bool> Flushes { get; } = [];

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        if (!path.StartsWith("/v1/text-to-speech/") || !path.EndsWith("/stream-input") || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 404;
            return;
        }
        Voice = path.Split('/')[3];
        Query = context.Request.QueryString.Value;
        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[65536];
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) return;
            var message = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, r.Count)).RootElement.Clone();
            var text = message.GetProperty("text").GetString()!;
            if (Opening is null)
            {
                Opening = message;
                if (text != " " || !message.TryGetProperty("xi_api_key", out var key) || key.GetString() != Key)
                {
                    await ws.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Invalid API key", CancellationToken.None);
                    return;
                }
                continue;
            }
            if (text.Length == 0)
            {
                await SendAsync(ws, """{"isFinal":true}""");
                await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }
            Chunks.Add(text);
            Flushes.Add(message.TryGetProperty("flush", out var flush) && flush.ValueKind == JsonValueKind.True);
            var pcm = FakePcm.Bytes(text);
            var half = pcm.Length / 2 + 1;
            await SendAsync(ws, JsonSerializer.Serialize(new { audio = Convert.ToBase64String(pcm, 0, half), isFinal = (bool?)null }));
            await SendAsync(ws, JsonSerializer.Serialize(new { audio = Convert.ToBase64String(pcm, half, pcm.Length - half), isFinal = (bool?)null }));
        }
    }

    private static Task SendAsync(WebSocket ws, string json) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
}
