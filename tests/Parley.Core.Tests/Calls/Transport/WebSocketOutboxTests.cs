using System.Buffers;
using System.Net.WebSockets;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Transport;

namespace Parley.Core.Tests.Calls.Transport;

// Invariant: whatever threads queue, the socket sees one send at a time, in queue order per writer; nothing is sent
// before Start or after Seal; a socket that throws stops the sending, never the caller; sends take no cancellation
// token, and a send the client never takes is cut off at the end of the call by aborting the socket.
public sealed class WebSocketOutboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Records what is sent; can hold every send open until released, and can fail.</summary>
    private sealed class RecordingSocket : WebSocket
    {
        private int _inSend;
        public readonly List<byte[]> Sent = [];
        public int Overlaps;
        public TaskCompletionSource? Hold;
        public Exception? Fail;
        public int CancellableSends;
        // A client that stopped reading: a send waits for room that never comes, until the socket is aborted.
        public bool NeverTaken;
        // A slow client: each send waits until the test releases it (or the socket is aborted).
        public bool HoldEach;
        public readonly System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource> Held = new();
        public bool Aborted;
        private readonly TaskCompletionSource _abort = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override WebSocketCloseStatus? CloseStatus => null;
        public override string? CloseStatusDescription => null;
        public override WebSocketState State => WebSocketState.Open;
        public override string? SubProtocol => null;

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _inSend) > 1) Interlocked.Increment(ref Overlaps);
            if (cancellationToken.CanBeCanceled) Interlocked.Increment(ref CancellableSends);
            try
            {
                if (Fail is not null) throw Fail;
                lock (Sent) Sent.Add(buffer.ToArray());
                if (Hold is { } hold) await hold.Task;
                if (NeverTaken) await _abort.Task;
                if (HoldEach)
                {
                    var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Held.Enqueue(taken);
                    await Task.WhenAny(taken.Task, _abort.Task).Unwrap();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inSend);
            }
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) => throw new NotSupportedException();
        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;
        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Abort()
        {
            Aborted = true;
            _abort.TrySetException(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        }
        public override void Dispose() { }
    }

    /// <summary>A started outbox whose client takes nothing: every send waits until the socket is aborted.</summary>
    private static (ManualClock Clock, RecordingSocket Socket, WebSocketOutbox Outbox, System.Collections.Concurrent.ConcurrentQueue<string> Logged) StartedForAClientThatReadsNothing()
    {
        var clock = new ManualClock();
        // Logged from whichever thread sends: a plain list could change under the assertions.
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var socket = new RecordingSocket { NeverTaken = true };
        var outbox = new WebSocketOutbox(socket, logged.Enqueue, clock);
        outbox.Start();
        return (clock, socket, outbox, logged);
    }

    private static byte[] Rented(byte value)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(4);
        bytes.AsSpan(0, 4).Fill(value);
        return bytes;
    }

    [Fact]
    public async Task Nothing_goes_out_before_start_then_everything_in_order()
    {
        var socket = new RecordingSocket();
        var outbox = new WebSocketOutbox(socket, null);
        outbox.Send(Rented(1), 4, audio: false);
        outbox.Send(Rented(2), 4, audio: true);
        Assert.Empty(socket.Sent);

        outbox.Start();
        outbox.Send(Rented(3), 4, audio: true);
        await outbox.SealAsync();

        Assert.Equal([1, 2, 3], socket.Sent.Select(b => b[0]));
        Assert.All(socket.Sent, b => Assert.Equal(4, b.Length));
        // A cancellable send takes the socket's slower path (a registration and a lock) on every frame.
        Assert.Equal(0, socket.CancellableSends);
    }

    [Fact]
    public async Task Frames_queued_while_a_send_is_pending_follow_it_once_it_completes()
    {
        var socket = new RecordingSocket { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var outbox = new WebSocketOutbox(socket, null);
        outbox.Start();

        outbox.Send(Rented(1), 4, audio: true);
        outbox.Send(Rented(2), 4, audio: true);
        outbox.Send(Rented(3), 4, audio: true);
        Assert.Single(socket.Sent);

        socket.Hold.SetResult();
        await outbox.SealAsync().WaitAsync(Patience);

        Assert.Equal([1, 2, 3], socket.Sent.Select(b => b[0]));
        Assert.Equal(0, socket.Overlaps);
    }

    [Fact]
    public async Task Writers_on_many_threads_never_overlap_and_each_keeps_its_order()
    {
        var socket = new RecordingSocket();
        var outbox = new WebSocketOutbox(socket, null);
        outbox.Start();
        const int Writers = 4, PerWriter = 5_000;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var bytes = ArrayPool<byte>.Shared.Rent(8);
                BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), w);
                BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), i);
                outbox.Send(bytes, 8, audio: true);
            }
        }))).WaitAsync(Patience);
        await outbox.SealAsync().WaitAsync(Patience);

        Assert.Equal(0, socket.Overlaps);
        Assert.Equal(Writers * PerWriter, socket.Sent.Count);
        foreach (var writer in socket.Sent.GroupBy(b => BitConverter.ToInt32(b, 0)))
            Assert.Equal(Enumerable.Range(0, PerWriter), writer.Select(b => BitConverter.ToInt32(b, 4)));
    }

    [Fact]
    public async Task A_failing_socket_stops_sending_without_throwing_at_the_writer_and_seal_drops_later_frames()
    {
        // Logged from whichever thread sends: a plain list could change under the assertions.
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var socket = new RecordingSocket { Fail = new ObjectDisposedException("socket") };
        var outbox = new WebSocketOutbox(socket, logged.Enqueue);
        outbox.Start();

        outbox.Send(Rented(1), 4, audio: true);
        outbox.Send(Rented(2), 4, audio: true);
        await outbox.SealAsync();
        socket.Fail = null;
        outbox.Send(Rented(3), 4, audio: true);

        Assert.Empty(socket.Sent);
        Assert.Single(logged);
    }

    [Fact]
    public async Task A_client_that_stopped_reading_is_cut_off_at_the_limit_instead_of_holding_the_call_forever()
    {
        var (clock, socket, outbox, logged) = StartedForAClientThatReadsNothing();
        outbox.Send(Rented(1), 4, audio: true);
        outbox.Send(Rented(2), 4, audio: false);

        var sealing = outbox.SealAsync();
        Assert.False(sealing.IsCompleted);
        Assert.False(socket.Aborted);
        Assert.Equal(WebSocketOutbox.SealLimit, clock.NextDue());

        Assert.True(clock.FireNext(WebSocketOutbox.SealLimit));
        await sealing.WaitAsync(Patience);

        Assert.True(socket.Aborted);
        Assert.Equal([1], socket.Sent.Select(b => b[0]));
        Assert.Contains(logged, line => line.Contains("socket aborted"));
    }

    private static async Task<TaskCompletionSource> NextHeldSendAsync(RecordingSocket socket, int number)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (socket.Held.Count < number && DateTime.UtcNow < deadline) await Task.Delay(5);
        return socket.Held.ElementAt(number - 1);
    }

    /// <summary>
    /// Three frames queued for a client that takes each one only when the test says; the call ends, and at 4 s the
    /// client takes the first. Returns with the second frame's send waiting.
    /// </summary>
    private static async Task<(ManualClock Clock, RecordingSocket Socket, Task Sealing, TaskCompletionSource Second)> EndCallWithSlowClientAsync()
    {
        var clock = new ManualClock();
        var socket = new RecordingSocket { HoldEach = true };
        var outbox = new WebSocketOutbox(socket, null, clock);
        outbox.Start();
        for (byte b = 1; b <= 3; b++) outbox.Send(Rented(b), 4, audio: true);
        var first = await NextHeldSendAsync(socket, 1);

        var sealing = outbox.SealAsync();
        clock.MoveTo(TimeSpan.FromSeconds(4));
        first.SetResult();
        return (clock, socket, sealing, await NextHeldSendAsync(socket, 2));
    }

    [Fact]
    public async Task A_slow_client_that_keeps_taking_frames_gets_all_of_them_however_long_it_takes()
    {
        var (clock, socket, sealing, second) = await EndCallWithSlowClientAsync();

        // Each send is taken 4 s after the one before: 12 s in all, past the limit, but never 5 s without progress.
        // (The manual clock refuses to move past a timer that is due: without the push-back, moving to 8 s throws.)
        clock.MoveTo(TimeSpan.FromSeconds(8));
        second.SetResult();
        var third = await NextHeldSendAsync(socket, 3);
        clock.MoveTo(TimeSpan.FromSeconds(12));
        Assert.False(socket.Aborted);
        third.SetResult();
        await sealing.WaitAsync(Patience);

        Assert.False(socket.Aborted);
        Assert.Equal([1, 2, 3], socket.Sent.Select(b => b[0]));
        Assert.Null(clock.NextDue());
    }

    [Fact]
    public async Task A_client_that_stops_taking_frames_part_way_is_cut_off_at_the_limit_after_its_last_progress()
    {
        var (clock, socket, sealing, _) = await EndCallWithSlowClientAsync();

        // The limit now counts from the last send taken, at 4 s.
        Assert.Equal(TimeSpan.FromSeconds(9), clock.NextDue());
        clock.MoveTo(TimeSpan.FromSeconds(8.9));
        Assert.False(socket.Aborted);

        Assert.True(clock.FireNext(TimeSpan.FromSeconds(9)));
        await sealing.WaitAsync(Patience);

        Assert.True(socket.Aborted);
        Assert.Equal([1, 2], socket.Sent.Select(b => b[0]));
    }

    [Fact]
    public async Task A_send_that_finishes_within_the_limit_is_not_cut_off()
    {
        var clock = new ManualClock();
        var socket = new RecordingSocket { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var outbox = new WebSocketOutbox(socket, null, clock);
        outbox.Start();
        outbox.Send(Rented(1), 4, audio: true);
        outbox.Send(Rented(2), 4, audio: false);

        var sealing = outbox.SealAsync();
        clock.MoveTo(WebSocketOutbox.SealLimit - TimeSpan.FromMilliseconds(1));
        socket.Hold.SetResult();
        await sealing.WaitAsync(Patience);

        Assert.False(socket.Aborted);
        Assert.Equal([1, 2], socket.Sent.Select(b => b[0]));
        Assert.Null(clock.NextDue());
    }

    [Fact]
    public async Task Audio_beyond_the_cap_waiting_for_a_client_that_stopped_reading_is_dropped_but_messages_still_queue()
    {
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // A client that takes each send only when the test says: until then everything queues behind the first.
        var socket = new RecordingSocket { HoldEach = true };
        var outbox = new WebSocketOutbox(socket, logged.Enqueue, new ManualClock());
        outbox.Start();
        const int FrameBytes = 64 * 1024;
        // Counting the frame waiting in the send the client has not taken, frames are taken until the queue is past the
        // cap; the three after are refused. A message after them still queues.
        const int TakenPastCap = (int)(WebSocketOutbox.MaxQueuedBytes / FrameBytes) + 1;

        for (var i = 0; i < TakenPastCap + 3; i++) outbox.Send(ArrayPool<byte>.Shared.Rent(FrameBytes), FrameBytes, audio: true);
        outbox.Send(Rented(9), 4, audio: false);

        Assert.Equal(3, outbox.DroppedAudioFrames);
        Assert.Single(logged, line => line.Contains("dropping audio"));
        // The client catches up: it gets every frame that was kept, then the message.
        for (var n = 1; n <= TakenPastCap + 1; n++) (await NextHeldSendAsync(socket, n)).SetResult();
        await outbox.SealAsync().WaitAsync(Patience);
        Assert.Equal(TakenPastCap + 1, socket.Sent.Count);
        Assert.Equal(FrameBytes, socket.Sent[0].Length);
        Assert.Equal([9, 9, 9, 9], socket.Sent[^1]);
    }

    [Fact]
    public void A_client_that_takes_nothing_at_all_is_aborted_once_messages_pass_the_hard_cap()
    {
        var (_, socket, outbox, logged) = StartedForAClientThatReadsNothing();
        const int MessageBytes = 256 * 1024;
        const int UpToTheCap = (int)(WebSocketOutbox.MaxQueuedBytesBeforeAbort / MessageBytes) + 1;

        for (var i = 0; i < UpToTheCap; i++) outbox.Send(ArrayPool<byte>.Shared.Rent(MessageBytes), MessageBytes, audio: false);
        Assert.False(socket.Aborted);
        outbox.Send(ArrayPool<byte>.Shared.Rent(MessageBytes), MessageBytes, audio: false);
        outbox.Send(ArrayPool<byte>.Shared.Rent(MessageBytes), MessageBytes, audio: false);

        Assert.True(socket.Aborted);
        Assert.Single(logged, line => line.Contains("socket aborted"));
    }
}
