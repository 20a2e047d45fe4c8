using System.Net.WebSockets;
using Parley.Core.Calls.Session;

namespace Parley.Core.Calls.Transport;

/// <summary>Runs one call over an accepted <c>vapi.websocket</c> socket: the transport feeds the session and carries its output.</summary>
public static class VapiWebSocketCall
{
    /// <summary>
    /// Runs until the call ends (socket closed, end-call, timeouts), sends the final messages, closes the socket and
    /// returns the endedReason. <paramref name="createSession"/> wires the transport in as the session's audio output
    /// and message sink.
    /// </summary>
    public static async Task<string> RunAsync(WebSocket socket, VapiWebSocketSerializer serializer,
        Func<VapiWebSocketTransport, CallSession> createSession, Action<string>? log, CancellationToken cancellationToken)
    {
        var transport = new VapiWebSocketTransport(socket, serializer, log);
        var session = createSession(transport);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = transport.RunAsync(session, stopReading.Token);
        var endedReason = await session.RunAsync(cancellationToken);
        await transport.CloseAsync(cancellationToken);
        stopReading.Cancel();
        try { await reading; } catch (OperationCanceledException) { }
        return endedReason;
    }
}
