using System.Diagnostics;
using System.Net.WebSockets;

namespace Parley.Bench.Calls;

/// <summary>
/// One simulated caller on a real <see cref="ClientWebSocket"/>. It sends 20 ms frames on a real-time schedule
/// (frame k leaves at start + k·20 ms; a late frame leaves at once and the schedule does not shift), speaking in a
/// loop: a turn it lets the assistant finish, then a turn whose reply it interrupts 600 ms in. It measures what it
/// hears against what it knows it said.
/// </summary>
public sealed class BenchCaller(Uri endpoint, CallerAudio audio, BenchLatencies latencies, TimeSpan duration)
{
    /// <summary>Gaps above one frame plus this count as late output: loopback and a busy receiver jitter a little.</summary>
    public static readonly TimeSpan LateTolerance = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);
    /// <summary>How far into a reply the caller interrupts it.</summary>
    public static readonly TimeSpan BargeInAfter = TimeSpan.FromMilliseconds(600);

    /// <summary>The caller's pause after a reply it heard out, before it speaks again.</summary>
    public static readonly TimeSpan PauseAfterReply = TimeSpan.FromMilliseconds(400);
    private static readonly byte[] EndCall = """{"type":"end-call"}"""u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly CallerFigures _figures = new();
    private long _start;
    private long _framesSent;
    private int _pausePosition;

    // Written by the sender, read by the receiver (and back); one writer each, so volatile is enough.
    private volatile bool _awaitingReply;
    private long _speechEndedAt;
    private long _replyStartedAt;
    private long _lastFrameAt;
    private int _repliesFinished;
    private volatile bool _reportReceived;
    private volatile bool _endSent;

    public CallerFigures Figures => _figures;

    /// <summary>Connects, speaks for the duration, ends the call and waits for the server to close; never throws.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _socket.ConnectAsync(endpoint, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            _figures.ConnectFailed = true;
            return;
        }
        _start = Stopwatch.GetTimestamp();
        var receiving = ReceiveAsync(cancellationToken);
        try
        {
            await SpeakAsync(cancellationToken);
            await _socket.SendAsync(EndCall, WebSocketMessageType.Text, true, cancellationToken);
            _endSent = true;
            // The server sends its report and closes; a call that does not close within 10 s counts as dropped.
            await receiving.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            if (_socket.State == WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
        {
            Failed(e);
        }
        finally
        {
            _figures.Connected = Stopwatch.GetElapsedTime(_start);
            _socket.Dispose();
        }
    }

    private async Task SpeakAsync(CancellationToken cancellationToken)
    {
        await PauseAsync(TimeSpan.FromMilliseconds(600), null, cancellationToken);
        while (Elapsed() < duration && _socket.State == WebSocketState.Open)
        {
            await SayAsync(cancellationToken);
            await PauseAsync(ReplyTimeout, ReplyFinished(), cancellationToken);
            await PauseAsync(PauseAfterReply, null, cancellationToken);

            await SayAsync(cancellationToken);
            await PauseAsync(ReplyTimeout, () => Volatile.Read(ref _replyStartedAt) is var started && started != 0
                && Stopwatch.GetElapsedTime(started) >= BargeInAfter, cancellationToken);
            if (Volatile.Read(ref _replyStartedAt) == 0) continue;
            var onset = await SayAsync(cancellationToken);
            var end = Volatile.Read(ref _speechEndedAt);
            // The reply to the interruption starts after the end of the caller's speech, so any frame before it
            // belongs to the interrupted reply; one still arriving near the end means the assistant never stopped.
            var last = Volatile.Read(ref _lastFrameAt);
            if (Stopwatch.GetElapsedTime(last, end) > TimeSpan.FromMilliseconds(100))
                _figures.BargeIns.Add(Stopwatch.GetElapsedTime(onset, last) + Frame);
            else
                _figures.BargeInsMissed++;
            await PauseAsync(ReplyTimeout, ReplyFinished(), cancellationToken);
            await PauseAsync(PauseAfterReply, null, cancellationToken);
        }
    }

    /// <summary>A condition true once a reply started after the caller's last words has finished playing.</summary>
    private Func<bool> ReplyFinished()
    {
        var finished = Volatile.Read(ref _repliesFinished);
        return () => !_awaitingReply && Volatile.Read(ref _repliesFinished) > finished;
    }

    /// <summary>Sends one utterance; returns when its speech began (the start of its first frame).</summary>
    private async Task<long> SayAsync(CancellationToken cancellationToken)
    {
        long onset = 0;
        for (var i = 0; i < audio.Speech.Count; i++)
        {
            var sentAt = await SendFrameAsync(audio.Speech[i], cancellationToken);
            // A frame leaves when it has been captured, so speech began one frame before the first one left.
            if (i == 0) onset = sentAt - (long)(Frame.TotalSeconds * Stopwatch.Frequency);
        }
        Volatile.Write(ref _replyStartedAt, 0);
        Volatile.Write(ref _speechEndedAt, Stopwatch.GetTimestamp());
        _awaitingReply = true;
        return onset;
    }

    /// <summary>Sends the noise bed until <paramref name="until"/> holds or <paramref name="limit"/> has passed.</summary>
    private async Task PauseAsync(TimeSpan limit, Func<bool>? until, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            if (until is not null && until()) return;
            await SendFrameAsync(audio.Pause[_pausePosition++ % audio.Pause.Count], cancellationToken);
        }
        if (until is not null && _awaitingReply)
        {
            _figures.RepliesMissing++;
            _awaitingReply = false;
        }
    }

    private async Task<long> SendFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        var due = _start + (long)(++_framesSent * Frame.TotalSeconds * Stopwatch.Frequency);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
        var now = Stopwatch.GetTimestamp();
        _figures.SendLag.Add(Stopwatch.GetElapsedTime(due, now));
        await _socket.SendAsync(frame, WebSocketMessageType.Binary, true, cancellationToken);
        return now;
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReceiveFramesAsync(cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            Failed(e);
        }
    }

    /// <summary>
    /// A failure after the client asked to end the call is not a broken call: the whole script ran. Seen: the server
    /// resets the connection right after its own close frame, before the client's reply, and sometimes before the
    /// end-of-call report and close frame it had queued reach the client. Both are counted apart from drops.
    /// </summary>
    private void Failed(Exception e)
    {
        if (_reportReceived) _figures.UncleanClose = true;
        else if (_endSent) _figures.EndLost = true;
        else
        {
            _figures.Dropped = true;
            _figures.DropReason ??= e.GetType().Name + ": " + e.Message;
        }
    }

    private async Task ReceiveFramesAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        var inReply = false;
        var measureNext = false;
        long previous = 0;
        long replyStart = 0;
        var frameInReply = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return;
            length += result.Count;
            if (!result.EndOfMessage)
            {
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }
            var now = Stopwatch.GetTimestamp();
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                if (measureNext)
                {
                    measureNext = false;
                    _awaitingReply = false;
                    Volatile.Write(ref _replyStartedAt, now);
                    _figures.ReplyLatencies.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref _speechEndedAt), now) - latencies.ReplyPath);
                }
                if (inReply && previous == 0)
                {
                    replyStart = now;
                    frameInReply = 0;
                }
                else if (inReply && Stopwatch.GetElapsedTime(replyStart, now) - Frame * frameInReply > Frame)
                {
                    _figures.LateFrames++;
                }
                frameInReply++;
                if (inReply && previous != 0)
                {
                    _figures.Gaps++;
                    var gap = Stopwatch.GetElapsedTime(previous, now);
                    if (gap > Frame + LateTolerance) _figures.LateGaps++;
                }
                previous = now;
                Volatile.Write(ref _lastFrameAt, now);
            }
            else
            {
                OnText(buffer.AsSpan(0, length), ref inReply, ref measureNext, ref previous);
            }
            length = 0;
        }
    }

    /// <summary>
    /// Only the assistant's speech-update matters here: "started" goes out just before a reply's first frame and
    /// "stopped" after its last, so they bound one reply's frames. A byte search spares parsing every transcript.
    /// </summary>
    private void OnText(ReadOnlySpan<byte> text, ref bool inReply, ref bool measureNext, ref long previous)
    {
        if (text.IndexOf("\"end-of-call-report\""u8) >= 0) _reportReceived = true;
        if (text.IndexOf("\"speech-update\""u8) < 0 || text.IndexOf("\"assistant\""u8) < 0) return;
        if (text.IndexOf("\"started\""u8) >= 0)
        {
            inReply = true;
            previous = 0;
            if (_awaitingReply) measureNext = true;
        }
        else
        {
            inReply = false;
            Interlocked.Increment(ref _repliesFinished);
        }
    }

    private TimeSpan Elapsed() => Stopwatch.GetElapsedTime(_start);
}
