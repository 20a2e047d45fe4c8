using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.Deepgram;

/// <summary>Deepgram live transcription over <c>/v1/listen</c> (Vapi <c>transcriber.provider = "deepgram"</c>).</summary>
public sealed class DeepgramSpeechToText(DeepgramOptions options, TimeProvider time) : ISpeechToText
{
    private static readonly byte[] KeepAlive = """{"type":"KeepAlive"}"""u8.ToArray();
    private static readonly byte[] CloseStream = """{"type":"CloseStream"}"""u8.ToArray();

    public DeepgramSpeechToText() : this(new DeepgramOptions(), TimeProvider.System) { }

    public SttCapabilities Capabilities { get; } = new(Partials: true, WordTimings: true, SampleRates: [8000, 16000, 22050, 24000, 44100, 48000]);

    public IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions sttOptions, CancellationToken cancellationToken) =>
        StreamingSttSession.RunAsync((events, ct) => RunAsync(audio, sttOptions, events, ct), "deepgram", cancellationToken);

    private async Task RunAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions sttOptions, ChannelWriter<TranscriptEvent> events, CancellationToken ct)
    {
        var key = sttOptions.ApiKey ?? options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            events.TryWrite(new SttFailed(ProviderFailureKind.Permanent, "deepgram: no API key (set the credential or DEEPGRAM_API_KEY)"));
            return;
        }
        var uri = options.SocketUri(DeepgramListenQuery.Build(sttOptions));
        var connection = await SpeechSocket.ConnectAsync(uri, [new("Authorization", "Token " + key)], "deepgram", ct).ConfigureAwait(false);
        if (connection.Socket is not { } socket)
        {
            events.TryWrite(new SttFailed(connection.Kind, connection.Error!));
            return;
        }
        using var sendGate = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var lastSend = time.GetTimestamp();
        // Set before CloseStream goes out: the server may close before the sender task observes its own completion.
        var audioEnded = false;
        // Sends are serialized by the gate, so one buffer serves every frame without allocating.
        var wire = new byte[sttOptions.SampleRate / 25 * 2];
        var sender = SendAudioAsync();
        var keepAlive = KeepAliveAsync();
        try
        {
            var scratch = new MemoryStream();
            var buffer = new byte[8192];
            while (true)
            {
                var (type, text, _) = await SpeechSocket.ReceiveAsync(socket, scratch, buffer, ct).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    var status = socket.CloseStatus;
                    if (status is not (WebSocketCloseStatus.NormalClosure or null))
                        events.TryWrite(new SttFailed(SpeechSocket.ClassifyClose(status), $"deepgram: closed {(int)status!} {socket.CloseStatusDescription}"));
                    else if (!Volatile.Read(ref audioEnded))
                        events.TryWrite(new SttFailed(ProviderFailureKind.Transient, "deepgram: stream closed before the audio ended"));
                    break;
                }
                if (text is null) continue;
                var e = DeepgramResults.Parse(text);
                if (e is not null) events.TryWrite(e);
                if (e is SttFailed) break;
            }
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(sender, keepAlive).ConfigureAwait(false);
            await SpeechSocket.CloseQuietlyAsync(socket).ConfigureAwait(false);
        }

        async Task SendAudioAsync()
        {
            try
            {
                await foreach (var frame in audio.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    await sendGate.WaitAsync(stop.Token).ConfigureAwait(false);
                    try
                    {
                        var bytes = MemoryMarshal.AsBytes(frame.Samples.Span);
                        if (bytes.Length > wire.Length) wire = new byte[bytes.Length];
                        bytes.CopyTo(wire);
                        await socket.SendAsync(wire.AsMemory(0, bytes.Length), WebSocketMessageType.Binary, true, stop.Token).ConfigureAwait(false);
                        lastSend = time.GetTimestamp();
                    }
                    finally { sendGate.Release(); }
                }
                await sendGate.WaitAsync(stop.Token).ConfigureAwait(false);
                Volatile.Write(ref audioEnded, true);
                try { await socket.SendAsync(CloseStream, WebSocketMessageType.Text, true, stop.Token).ConfigureAwait(false); }
                finally { sendGate.Release(); }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        }

        async Task KeepAliveAsync()
        {
            try
            {
                while (!sender.IsCompleted)
                {
                    await Task.Delay(options.KeepAliveInterval, time, stop.Token).ConfigureAwait(false);
                    if (time.GetElapsedTime(lastSend) < options.KeepAliveInterval) continue;
                    await sendGate.WaitAsync(stop.Token).ConfigureAwait(false);
                    try { await socket.SendAsync(KeepAlive, WebSocketMessageType.Text, true, stop.Token).ConfigureAwait(false); }
                    finally { sendGate.Release(); }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        }
    }
}
