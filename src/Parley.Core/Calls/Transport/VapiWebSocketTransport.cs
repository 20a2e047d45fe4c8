using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Session;

namespace Parley.Core.Calls.Transport;

/// <summary>
/// Runs a <c>vapi.websocket</c> call over an accepted <see cref="WebSocket"/> (no ASP.NET needed): inbound frames go
/// to the call, outbound audio and messages go through a <see cref="WebSocketOutbox"/>. Bad frames are counted,
/// reported and skipped; a closed or broken socket ends the call as customer-ended-call.
/// </summary>
public sealed class VapiWebSocketTransport(WebSocket socket, VapiWebSocketSerializer serializer, Action<string>? log = null,
    TimeProvider? clock = null) : ICallAudioOutput, ICallMessageSink
{
    /// <summary>An inbound message larger than this is dropped: 1 s of 48 kHz PCM is 96 KB, so 1 MB is never audio.</summary>
    public const int MaxMessageBytes = 1 << 20;

    private const int ReceiveBufferBytes = 4 * 1024;
    private const int ShrinkAboveBytes = 64 * 1024;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly WebSocketOutbox _outbox = new(socket, log, clock);
    private volatile bool _reading;
    private readonly TaskCompletionSource _readerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _malformed;
    private readonly FrameRing _callerFrames = new(CallSession.CallerFrameBuffers);

    /// <summary>Inbound frames that were skipped because they could not be understood.</summary>
    public int MalformedFrames => Volatile.Read(ref _malformed);

    /// <summary>Assistant audio frames dropped because the client had stopped taking what was sent.</summary>
    public long DroppedAudioFrames => _outbox.DroppedAudioFrames;

    public void Write(AudioFrame frame)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(serializer.AudioSize(frame.Samples.Length));
        var length = serializer.WriteAudio(frame.Samples.Span, buffer);
        if (length < 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }
        _outbox.Send(buffer, length, audio: true);
    }

    public void Publish(JsonObject message)
    {
        var bytes = VapiWebSocketSerializer.RentMessage(message, out var length);
        _outbox.Send(bytes, length, audio: false);
    }

    public void Publish(in StreamedMessage message)
    {
        var bytes = VapiWebSocketSerializer.RentMessage(in message, out var length);
        _outbox.Send(bytes, length, audio: false);
    }

    /// <summary>Reads the socket until it closes, feeding the call; sending runs alongside until <see cref="CloseAsync"/>.</summary>
    public async Task RunAsync(ICallInput call, CancellationToken cancellationToken)
    {
        _reading = true;
        _outbox.Start();
        // Frames are small (20 ms at 48 kHz is 1,920 bytes) and the buffer grows for a longer message, then shrinks
        // back after one over 64 KB: every live call holds its buffer for its whole life (64 KB each was 32 MB at 500
        // calls), while a client that always sends, say, 100 ms frames keeps the size they need.
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        var length = 0;
        var oversized = false;
        var position = TimeSpan.Zero;
        try
        {
            // CloseSent too: after the server's close (CloseAsync) the reader must still see the client's close reply.
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close) break;
                length += result.Count;
                if (length == buffer.Length && !result.EndOfMessage)
                {
                    if (buffer.Length >= MaxMessageBytes) { oversized = true; length = 0; }
                    else buffer = Grow(buffer, length);
                }
                if (!result.EndOfMessage) continue;
                if (oversized) Skip("message over " + MaxMessageBytes + " bytes");
                else position = Deliver(call, result.MessageType == WebSocketMessageType.Binary, buffer.AsSpan(0, length), position);
                if (buffer.Length > ShrinkAboveBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
                }
                length = 0;
                oversized = false;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException e)
        {
            log?.Invoke("socket failed: " + e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _readerStopped.TrySetResult();
        }
        call.End("customer-ended-call");
    }

    /// <summary>
    /// Sends whatever is still queued (the final status-update), closes the socket, and gives the reader up to
    /// <see cref="WebSocketClosing.HandshakeLimit"/> to see the client's close reply: cancelling a pending receive aborts the
    /// socket, which would drop what is still in flight.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _outbox.SealAsync();
        await WebSocketClosing.CloseWithinLimitAsync(socket, WebSocketCloseStatus.NormalClosure, "call ended", waitForReply: false, _clock, cancellationToken);
        if (!_reading) return;
        try { await _readerStopped.Task.WaitAsync(WebSocketClosing.HandshakeLimit, _clock, cancellationToken); }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
    }

    private TimeSpan Deliver(ICallInput call, bool binary, ReadOnlySpan<byte> payload, TimeSpan position)
    {
        if (binary)
        {
            if (serializer.AudioProblem(payload) is { } problem)
            {
                Skip(problem);
                return position;
            }
            // Caller audio is the per-frame path: decoded into a recycled buffer, no allocation.
            var samples = _callerFrames.Take(serializer.SamplesIn(payload.Length));
            serializer.DecodeAudio(payload, samples.Span);
            var frame = new AudioFrame(samples, serializer.Format.SampleRate, position);
            call.PushCallerAudio(frame);
            return position + frame.Duration;
        }
        switch (VapiWebSocketSerializer.ReadControl(payload))
        {
            case VapiWireControl control:
                call.Receive(control.Message);
                break;
            case VapiWireMalformed bad:
                Skip(bad.Reason);
                break;
        }
        return position;
    }

    private void Skip(string reason)
    {
        Interlocked.Increment(ref _malformed);
        log?.Invoke("skipped inbound frame: " + reason);
    }

    private static byte[] Grow(byte[] buffer, int used)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxMessageBytes));
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
