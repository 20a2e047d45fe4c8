using System.Net.WebSockets;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;

namespace Parley.Bench.Calls;

/// <summary>
/// The bench's baseline: the least a voice agent on the same stack (Kestrel, ASP.NET Core WebSockets, .NET timers) must
/// do for the bench's callers, with none of Parley. An energy gate stands in for VAD and STT, a timer for the model and
/// the voice: the reply starts the set reply path after the caller's last loud frame, plays the same number of 20 ms
/// frames as Parley's reply on the same schedule (frame k due at start + k·20 ms), and stops once the caller has been
/// loud for voiceSeconds. Parley's row against this one is what Parley itself costs.
/// </summary>
public sealed class BareAgent(WebSocket socket, BenchLatencies latencies)
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private static readonly byte[] Started = """{"type":"speech-update","status":"started","role":"assistant"}"""u8.ToArray();
    private static readonly byte[] Stopped = """{"type":"speech-update","status":"stopped","role":"assistant"}"""u8.ToArray();
    private static readonly byte[] Report = """{"type":"end-of-call-report","endedReason":"customer-ended-call"}"""u8.ToArray();

    private readonly int _replyFrames = latencies.ReplyFrames;

    private readonly Channel<bool> _commands = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    private readonly byte[] _tone = ToneFrame();
    private readonly short[] _samples = new short[CallerAudio.FrameSamples];
    private CancellationTokenSource? _pendingReply;
    private volatile bool _interrupted;
    private bool _speaking;
    private TimeSpan _voiced;

    /// <summary>Serves the call until the client ends it or the socket closes; true when the client ended it.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var endedByCaller = false;
        var playing = PlayAsync(cancellationToken);
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close) break;
                // The bench sends whole 640-byte frames and short JSON; anything longer is not this bench's traffic.
                if (!result.EndOfMessage) continue;
                if (result.MessageType == WebSocketMessageType.Binary) Hear(buffer.AsSpan(0, result.Count));
                else if (buffer.AsSpan(0, result.Count).IndexOf("end-call"u8) >= 0)
                {
                    endedByCaller = true;
                    _commands.Writer.TryWrite(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        _commands.Writer.TryComplete();
        await playing;
        return endedByCaller;
    }

    private void Hear(ReadOnlySpan<byte> payload)
    {
        if (payload.Length != _samples.Length * 2) return;
        Pcm16.ToSamples(payload, _samples);
        if (AudioLevel.Dbfs(_samples) > GatedStt.GateDbfs)
        {
            if (!_speaking) (_speaking, _voiced) = (true, TimeSpan.Zero);
            _voiced += Frame;
            _pendingReply?.Cancel();
            if (_voiced >= latencies.VoiceSeconds) _interrupted = true;
        }
        else if (_speaking)
        {
            _speaking = false;
            // The last loud frame ended one frame before this quiet one arrived.
            _pendingReply = new CancellationTokenSource();
            _ = ReplyLaterAsync(latencies.ReplyPath - Frame, _pendingReply.Token);
        }
    }

    private async Task ReplyLaterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken);
            _commands.Writer.TryWrite(true);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The one writer: plays replies and, when the client ends the call, reports and closes.</summary>
    private async Task PlayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var reply in _commands.Reader.ReadAllAsync(cancellationToken))
            {
                if (!reply)
                {
                    await socket.SendAsync(Report, WebSocketMessageType.Text, true, cancellationToken);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "call ended", cancellationToken);
                    return;
                }
                _interrupted = false;
                await socket.SendAsync(Started, WebSocketMessageType.Text, true, cancellationToken);
                var start = TimeProvider.System.GetTimestamp();
                for (var k = 0; k < _replyFrames && !_interrupted; k++)
                {
                    var wait = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), start) + Frame * k;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                    await socket.SendAsync(_tone, WebSocketMessageType.Binary, true, cancellationToken);
                }
                await socket.SendAsync(Stopped, WebSocketMessageType.Text, true, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    private static byte[] ToneFrame()
    {
        var samples = new short[CallerAudio.FrameSamples];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)(4000 * Math.Sin(2 * Math.PI * 200 * i / CallerAudio.SampleRate));
        var frame = new byte[samples.Length * 2];
        Pcm16.ToBytes(samples, frame);
        return frame;
    }
}
