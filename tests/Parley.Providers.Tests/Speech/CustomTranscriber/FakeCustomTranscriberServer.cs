using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Parley.Providers.Tests.Speech.CustomTranscriber;

/// <summary>
/// A user's transcriber server as Vapi's docs describe it: checks the secret header, expects a start message,
/// reads stereo PCM and answers with transcriber-response messages (or an error message on request).
/// </summary>
internal sealed class FakeCustomTranscriberServer
{
    public const string Secret = "s3cret";
    public JsonElement? Start { get; private set; }
    public string? CustomHeader { get; private set; }
    public List<short> Left { get; } = [];
    public List<short> Right { get; } = [];
    public bool ReplyWithError { get; init; }
    public bool ReplyWithGarbage { get; init; }

    public async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers["x-vapi-secret"] != Secret) { context.Response.StatusCode = 401; return; }
        CustomHeader = context.Request.Headers["x-tenant"];
        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[65536];
        var r = await ws.ReceiveAsync(buffer, CancellationToken.None);
        Start = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, r.Count)).RootElement.Clone();
        if (ReplyWithGarbage)
        {
            await SendAsync(ws, "this is not json");
            await ws.ReceiveAsync(buffer, CancellationToken.None);
            return;
        }
        if (ReplyWithError)
        {
            await SendAsync(ws, """{"type":"error","error":"upstream quota exceeded"}""");
            await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return;
        }
        var answered = false;
        while (true)
        {
            r = await ws.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) break;
            for (var i = 0; i + 3 < r.Count; i += 4)
            {
                Left.Add(BitConverter.ToInt16(buffer, i));
                Right.Add(BitConverter.ToInt16(buffer, i + 2));
            }
            if (answered) continue;
            answered = true;
            await SendAsync(ws, """{"type":"transcriber-response","transcription":"book a","channel":"customer","transcriptType":"partial"}""");
            await SendAsync(ws, """{"type":"transcriber-response","transcription":"assistant words","channel":"assistant"}""");
        }
        // transcriptType left out on purpose: the protocol defaults it to final.
        await SendAsync(ws, """{"type":"transcriber-response","transcription":"book a table","channel":"customer"}""");
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    private static Task SendAsync(WebSocket ws, string json) =>
        ws.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
}
