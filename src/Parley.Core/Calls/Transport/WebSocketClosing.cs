using System.Net.WebSockets;

namespace Parley.Core.Calls.Transport;

/// <summary>
/// Closing a WebSocket without trusting the other side: the close frame waits for room like any send, so a peer that
/// stopped reading would hold a plain close forever. Every socket Parley closes (call sockets, refused sockets, listen
/// sockets, provider sockets) goes through here.
/// </summary>
public static class WebSocketClosing
{
    /// <summary>How long a close (and, when asked for, the peer's reply) may take before the socket is aborted.</summary>
    public static readonly TimeSpan HandshakeLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Closes <paramref name="socket"/> (sending the close frame, and with <paramref name="waitForReply"/> waiting for the
    /// peer's) within <see cref="HandshakeLimit"/>; past the limit the socket is aborted. Does nothing to a socket that is
    /// already closing or closed. Never throws for the socket's sake.
    /// </summary>
    public static async Task CloseWithinLimitAsync(WebSocket socket, WebSocketCloseStatus status, string? reason, bool waitForReply,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var timeout = new CancellationTokenSource(HandshakeLimit, clock ?? TimeProvider.System);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (waitForReply) await socket.CloseAsync(status, reason, limit.Token).ConfigureAwait(false);
            else await socket.CloseOutputAsync(status, reason, limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException) { }
    }
}
