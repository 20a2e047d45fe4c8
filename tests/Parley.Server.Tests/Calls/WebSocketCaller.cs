using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Tts;
using Parley.Providers.Speech.Espeak;

namespace Parley.Server.Tests.Calls;

/// <summary>
/// A client on a call's <c>vapi.websocket</c> transport: streams caller audio in real time as 20 ms PCM16 frames
/// (silence between lines) and keeps everything the call sends back, stamped with when it arrived.
/// </summary>
public sealed class WebSocketCaller : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly int _rate;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _receiving;
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    public ConcurrentQueue<(TimeSpan At, short[] Samples)> AssistantAudio { get; } = new();
    public ConcurrentQueue<(TimeSpan At, JsonObject Message)> Messages { get; } = new();
    public WebSocketCloseStatus? CloseStatus { get; private set; }
    public TimeSpan Now => _clock.Elapsed;

    public WebSocketCaller(WebSocket socket, int rate)
    {
        _socket = socket;
        _rate = rate;
        _receiving = ReceiveAsync();
    }

    /// <summary>eSpeak NG's rendering of <paramref name="text"/> at <paramref name="rate"/>.</summary>
    public static async Task<short[]> SpeakAsync(string text, int rate)
    {
        var events = await new EspeakTextToSpeech(noiseSeed: 1).SynthesizeAsync(Chunks(text), new TtsOptions { VoiceId = "en-us" }, default).ToListAsync();
        if (events.OfType<TtsFailed>().FirstOrDefault() is { } failed) throw new InvalidOperationException(failed.Message);
        var native = events.Cast<TtsAudio>().SelectMany(a => a.Frame.Samples.ToArray()).ToArray();
        return Resampler.Convert(native, 22050, rate);
    }

    private static async IAsyncEnumerable<string> Chunks(string text)
    {
        await Task.Yield();
        yield return text;
    }

    /// <summary>Streams samples at real-time pace.</summary>
    public async Task StreamAsync(short[] samples)
    {
        var frame = _rate / 50;
        var bytes = new byte[frame * 2];
        var start = _clock.Elapsed;
        for (var i = 0; i * frame < samples.Length; i++)
        {
            var due = start + TimeSpan.FromMilliseconds(20 * i);
            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            Array.Clear(bytes);
            var piece = samples.AsSpan(i * frame, Math.Min(frame, samples.Length - i * frame));
            for (var j = 0; j < piece.Length; j++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(j * 2), piece[j]);
            if (_socket.State != WebSocketState.Open) return;
            await SendAsync(bytes, WebSocketMessageType.Binary);
        }
    }

    public Task SilenceAsync(TimeSpan length) => StreamAsync(new short[(int)(length.TotalSeconds * _rate)]);

    /// <summary>Asks the call to end (end-call) and waits for the server to close the socket.</summary>
    public async Task EndCallAsync(TimeSpan deadline)
    {
        await SendJsonAsync("""{"type":"end-call"}""");
        await WaitForCloseAsync(deadline);
    }

    public Task SendJsonAsync(string json) => SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);

    public Task SendRawAsync(byte[] bytes, WebSocketMessageType type) => SendAsync(bytes, type);

    private async Task SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        await _sendGate.WaitAsync();
        try { await _socket.SendAsync(bytes, type, true, CancellationToken.None); }
        finally { _sendGate.Release(); }
    }

    /// <summary>Waits until the server closes the call (or the deadline, which only stops a broken test from hanging).</summary>
    public async Task WaitForCloseAsync(TimeSpan deadline)
    {
        // A receive loop that failed (aborted socket, unreadable message) surfaces here instead of passing as a close.
        try { await _receiving.WaitAsync(deadline); }
        catch (TimeoutException) { Assert.Fail("the call's socket was not closed by the server"); }
    }

    /// <summary>Waits for a message of <paramref name="type"/> that matches; fails the test at the deadline or when the call closes first.</summary>
    public async Task<JsonObject> WaitForMessageAsync(string type, Func<JsonObject, bool> match, TimeSpan deadline)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < deadline)
        {
            // Looked at once more after the socket closed: the message may have come just before the close.
            var closed = _receiving.IsCompleted;
            if (MessagesOfType(type).FirstOrDefault(match) is { } found) return found;
            if (closed) break;
            await Task.Delay(20);
        }
        Assert.Fail($"no matching {type} message within {deadline.TotalSeconds} s");
        return null!;
    }

    /// <summary>
    /// Waits until the assistant has finished saying something (its final transcript): a test that ends the call after a
    /// fixed time instead cuts the words short on a loaded machine.
    /// </summary>
    public Task<JsonObject> WaitForAssistantWordsAsync(TimeSpan deadline) =>
        WaitForMessageAsync("transcript", m => m["role"]?.GetValue<string>() == "assistant" && m["transcriptType"]?.GetValue<string>() == "final", deadline);

    /// <summary>The assistant audio that arrived after <paramref name="from"/>, as one stream.</summary>
    public short[] AssistantAudioAfter(TimeSpan from) => AssistantAudio.Where(a => a.At >= from).SelectMany(a => a.Samples).ToArray();

    public IEnumerable<JsonObject> MessagesOfType(string type) => Messages.Select(m => m.Message).Where(m => m["type"]?.GetValue<string>() == type);

    private async Task ReceiveAsync()
    {
        var buffer = new byte[256 * 1024];
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                length += result.Count;
            } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                CloseStatus = _socket.CloseStatus;
                if (_socket.State == WebSocketState.CloseReceived) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                return;
            }
            var at = _clock.Elapsed;
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                var samples = new short[length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(i * 2));
                AssistantAudio.Enqueue((at, samples));
            }
            else if (JsonNode.Parse(buffer.AsSpan(0, length)) is JsonObject message)
            {
                Messages.Enqueue((at, message));
            }
        }
    }

    /// <summary>Transcribes audio with PocketSphinx (16 kHz) and returns the words heard.</summary>
    public static async Task<string> TranscribeAsync(short[] audio16k)
    {
        var stt = new Parley.Providers.Speech.PocketSphinx.PocketSphinxSpeechToText();
        var padded = new short[8000].Concat(audio16k).Concat(new short[16000]).ToArray();
        var events = await stt.TranscribeAsync(Frames(padded), new SttOptions { SampleRate = 16000 }, default).ToListAsync();
        if (events.OfType<SttFailed>().FirstOrDefault() is { } failed) throw new InvalidOperationException(failed.Message);
        return string.Join(" ", events.OfType<TranscriptFinal>().Select(f => f.Text));
    }

    private static async IAsyncEnumerable<AudioFrame> Frames(short[] samples)
    {
        await Task.Yield();
        for (var i = 0; i < samples.Length; i += 320)
            yield return new AudioFrame(samples.AsMemory(i, Math.Min(320, samples.Length - i)), 16000, TimeSpan.FromMilliseconds(i / 16.0));
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); } catch (WebSocketException) { }
        }
        _socket.Dispose();
    }
}
