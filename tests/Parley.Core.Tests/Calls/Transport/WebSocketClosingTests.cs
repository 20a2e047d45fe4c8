using System.Net.WebSockets;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Transport;

namespace Parley.Core.Tests.Calls.Transport;

public sealed class WebSocketClosingTests
{
    /// <summary>A peer that never takes the close frame: closing waits until it is cancelled.</summary>
    private sealed class StuckSocket(WebSocketState state) : WebSocket
    {
        public int Closes;
        public override WebSocketCloseStatus? CloseStatus => null;
        public override string? CloseStatusDescription => null;
        public override WebSocketState State => state;
        public override string? SubProtocol => null;
        public override void Abort() { }
        public override void Dispose() { }
        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => WaitAsync(cancellationToken);
        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => WaitAsync(cancellationToken);
        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) => throw new NotSupportedException();
        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) => throw new NotSupportedException();

        private Task WaitAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Closes);
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_peer_that_never_takes_the_close_holds_it_only_until_the_limit(bool waitForReply)
    {
        var clock = new ManualClock();
        var socket = new StuckSocket(WebSocketState.Open);

        var closing = WebSocketClosing.CloseWithinLimitAsync(socket, WebSocketCloseStatus.NormalClosure, "call ended", waitForReply, clock);
        Assert.False(closing.IsCompleted);
        Assert.Equal(WebSocketClosing.HandshakeLimit, clock.NextDue());
        Assert.True(clock.FireNext(WebSocketClosing.HandshakeLimit));

        await closing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, socket.Closes);
    }

    [Fact]
    public async Task A_socket_already_closed_is_left_alone()
    {
        var socket = new StuckSocket(WebSocketState.Closed);

        await WebSocketClosing.CloseWithinLimitAsync(socket, WebSocketCloseStatus.NormalClosure, null, waitForReply: false, new ManualClock());

        Assert.Equal(0, socket.Closes);
    }
}
