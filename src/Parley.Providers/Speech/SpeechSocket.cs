using System.Net;
using System.Net.WebSockets;
using System.Text;
using Parley.Core.Calls.Transport;
using Parley.Core.Llm;

namespace Parley.Providers.Speech;

/// <summary>WebSocket plumbing shared by the speech adapters: connect with failure classification, read whole messages.</summary>
internal static class SpeechSocket
{
    /// <summary>Outcome of a connection attempt; <see cref="Socket"/> is null when it failed.</summary>
    internal readonly record struct Connection(ClientWebSocket? Socket, ProviderFailureKind Kind, string? Error);

    public static async Task<Connection> ConnectAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> headers, string vendor, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        // Without this the handshake status code is lost and a rejected key looks like any network fault.
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in headers) socket.Options.SetRequestHeader(name, value);
        try
        {
            await socket.ConnectAsync(uri, ct).ConfigureAwait(false);
            return new Connection(socket, default, null);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            var kind = ClassifyStatus(status);
            var what = status == 0 ? e.Message : $"HTTP {(int)status}";
            return new Connection(null, kind, $"{vendor}: connection refused ({what})");
        }
    }

    /// <summary>Auth and request errors will not go away on retry; everything else might.</summary>
    public static ProviderFailureKind ClassifyStatus(HttpStatusCode status) => (int)status switch
    {
        400 or 401 or 402 or 403 or 404 or 422 => ProviderFailureKind.Permanent,
        _ => ProviderFailureKind.Transient,
    };

    /// <summary>Reads one whole message. Returns null text for binary messages and <c>Closed</c> at the end.</summary>
    public static async Task<(WebSocketMessageType Type, string? Text, byte[]? Binary)> ReceiveAsync(ClientWebSocket socket, MemoryStream scratch, byte[] buffer, CancellationToken ct)
    {
        scratch.SetLength(0);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return (WebSocketMessageType.Close, null, null);
            scratch.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            return result.MessageType == WebSocketMessageType.Text
                ? (WebSocketMessageType.Text, Encoding.UTF8.GetString(scratch.GetBuffer(), 0, (int)scratch.Length), null)
                : (WebSocketMessageType.Binary, null, scratch.ToArray());
        }
    }

    /// <summary>Close codes the server uses for bad requests/auth (1008 policy, 4000-4999 application) are permanent.</summary>
    public static ProviderFailureKind ClassifyClose(WebSocketCloseStatus? status) => (int?)status switch
    {
        1008 or 1003 or 1007 => ProviderFailureKind.Permanent,
        >= 4000 and < 5000 => ProviderFailureKind.Permanent,
        _ => ProviderFailureKind.Transient,
    };

    public static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        await WebSocketClosing.CloseWithinLimitAsync(socket, WebSocketCloseStatus.NormalClosure, null, waitForReply: false).ConfigureAwait(false);
        socket.Dispose();
    }
}
