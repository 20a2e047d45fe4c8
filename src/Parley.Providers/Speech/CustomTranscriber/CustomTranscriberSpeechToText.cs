using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.CustomTranscriber;

/// <summary>
/// Vapi's custom-transcriber protocol: a WebSocket to the user's <c>server.url</c>, a <c>start</c> message, stereo
/// PCM (customer left, assistant right) and <c>transcriber-response</c> messages back.
/// </summary>
public sealed class CustomTranscriberSpeechToText : ISpeechToText
{
    public SttCapabilities Capabilities { get; } = new(Partials: true, WordTimings: false, SampleRates: [8000, 16000, 22050, 24000, 44100]);

    /// <summary>Customer audio only; the assistant channel carries silence.</summary>
    public IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options, CancellationToken cancellationToken) =>
        TranscribeAsync(audio, null, options, cancellationToken);

    /// <summary>
    /// Customer audio drives the stream; assistant frames written to <paramref name="assistantAudio"/> (same sample
    /// rate) fill channel 1 as they become available. Only customer-channel transcripts are reported.
    /// </summary>
    public IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, ChannelReader<AudioFrame>? assistantAudio, SttOptions options, CancellationToken cancellationToken) =>
        StreamingSttSession.RunAsync((events, ct) => RunAsync(audio, assistantAudio, options, events, ct), "custom-transcriber", cancellationToken);

    private static async Task RunAsync(IAsyncEnumerable<AudioFrame> audio, ChannelReader<AudioFrame>? assistantAudio, SttOptions options, ChannelWriter<TranscriptEvent> events, CancellationToken ct)
    {
        if (CustomTranscriberServer.FromTranscriber(options.Raw) is not { } server)
        {
            events.TryWrite(new SttFailed(ProviderFailureKind.Permanent, "custom-transcriber: transcriber.server.url is missing or not a URL"));
            return;
        }
        var connection = await SpeechSocket.ConnectAsync(server.Url, server.Headers, "custom-transcriber", ct).ConfigureAwait(false);
        if (connection.Socket is not { } socket)
        {
            events.TryWrite(new SttFailed(connection.Kind, connection.Error!));
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var start = $$"""{"type":"start","encoding":"linear16","container":"raw","sampleRate":{{options.SampleRate}},"channels":2}""";
        await socket.SendAsync(Encoding.UTF8.GetBytes(start), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        var sender = SendAsync();
        try
        {
            var scratch = new MemoryStream();
            var buffer = new byte[8192];
            while (true)
            {
                var (type, text, _) = await SpeechSocket.ReceiveAsync(socket, scratch, buffer, ct).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    if (socket.CloseStatus is not (WebSocketCloseStatus.NormalClosure or null))
                        events.TryWrite(new SttFailed(SpeechSocket.ClassifyClose(socket.CloseStatus), $"custom-transcriber: closed {(int)socket.CloseStatus!} {socket.CloseStatusDescription}"));
                    break;
                }
                if (text is null) continue;
                var e = Parse(text);
                if (e is not null) events.TryWrite(e);
                if (e is SttFailed) break;
            }
        }
        finally
        {
            stop.Cancel();
            await sender.ConfigureAwait(false);
            await SpeechSocket.CloseQuietlyAsync(socket).ConfigureAwait(false);
        }

        async Task SendAsync()
        {
            var interleaver = new StereoInterleaver(assistantAudio);
            try
            {
                await foreach (var frame in audio.WithCancellation(stop.Token).ConfigureAwait(false))
                    await socket.SendAsync(interleaver.Interleave(frame.Samples.Span), WebSocketMessageType.Binary, true, stop.Token).ConfigureAwait(false);
                // The protocol has no end-of-audio message; closing our side tells the server the audio is over.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "audio ended", stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        }
    }

    internal static TranscriptEvent? Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var type = Str(root, "type");
        if (type == "error")
            return new SttFailed(ProviderFailureKind.Transient, "custom-transcriber: " + (Str(root, "error") ?? Str(root, "message") ?? "error"));
        if (type != "transcriber-response") return null;
        if ((Str(root, "channel") ?? "customer") != "customer") return null;
        var text = Str(root, "transcription") ?? "";
        if (text.Length == 0) return null;
        return Str(root, "transcriptType") == "partial"
            ? new TranscriptPartial(text, [])
            : new TranscriptFinal(text, []);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
