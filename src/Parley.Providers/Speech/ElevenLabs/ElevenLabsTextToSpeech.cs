using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.ElevenLabs;

/// <summary>
/// ElevenLabs streaming-input WebSocket (<c>/v1/text-to-speech/{voice}/stream-input</c>): text goes out as it
/// arrives and PCM comes back while the sentence is still being written (Vapi <c>voice.provider = "11labs"</c>).
/// </summary>
public sealed class ElevenLabsTextToSpeech(ElevenLabsOptions options) : ITextToSpeech
{
    private static readonly int[] Rates = [8000, 16000, 22050, 24000, 44100];

    public TtsCapabilities Capabilities { get; } = new(StreamingInput: true, SampleRates: Rates);

    public IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions ttsOptions, CancellationToken cancellationToken) =>
        StreamingTtsSession.RunAsync((events, ct) => RunAsync(text, ttsOptions, events, ct), "11labs", cancellationToken);

    private async Task RunAsync(IAsyncEnumerable<string> text, TtsOptions tts, ChannelWriter<TtsEvent> events, CancellationToken ct)
    {
        var key = tts.ApiKey ?? options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            events.TryWrite(new TtsFailed(ProviderFailureKind.Permanent, "11labs: no API key (set the credential or ELEVENLABS_API_KEY)"));
            return;
        }
        if (tts.VoiceId is not { Length: > 0 } voice)
        {
            events.TryWrite(new TtsFailed(ProviderFailureKind.Permanent, "11labs: voice.voiceId is required"));
            return;
        }
        var rate = SpeechRaw.PickRate(tts.SampleRate, Rates, 16000);
        var b = new UriBuilder(options.BaseUrl.TrimEnd('/') + $"/v1/text-to-speech/{Uri.EscapeDataString(voice)}/stream-input")
        {
            Query = $"model_id={Uri.EscapeDataString(tts.Model ?? "eleven_turbo_v2")}&output_format=pcm_{rate.ToString(CultureInfo.InvariantCulture)}",
        };
        b.Scheme = b.Scheme switch { "https" => "wss", "http" => "ws", _ => b.Scheme };
        var connection = await SpeechSocket.ConnectAsync(b.Uri, [new("xi-api-key", key)], "11labs", ct).ConfigureAwait(false);
        if (connection.Socket is not { } socket)
        {
            events.TryWrite(new TtsFailed(connection.Kind, connection.Error!));
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sender = SendTextAsync();
        var splitter = new PcmFrameSplitter(rate);
        try
        {
            var scratch = new MemoryStream();
            var buffer = new byte[8192];
            while (true)
            {
                var (type, json, _) = await SpeechSocket.ReceiveAsync(socket, scratch, buffer, ct).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    if (socket.CloseStatus is not (WebSocketCloseStatus.NormalClosure or null))
                        events.TryWrite(new TtsFailed(SpeechSocket.ClassifyClose(socket.CloseStatus), $"11labs: closed {(int)socket.CloseStatus!} {socket.CloseStatusDescription}"));
                    break;
                }
                if (json is null) continue;
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                {
                    var message = root.TryGetProperty("message", out var m) ? m.GetString() : error.ToString();
                    var kind = error.ValueKind == JsonValueKind.String && error.GetString() is "auth_error" or "quota_exceeded" or "voice_not_found"
                        ? ProviderFailureKind.Permanent : ProviderFailureKind.Transient;
                    events.TryWrite(new TtsFailed(kind, $"11labs: {message}"));
                    break;
                }
                if (root.TryGetProperty("audio", out var audio) && audio.ValueKind == JsonValueKind.String)
                    await StreamingTtsSession.WriteFramesAsync(events, splitter.Push(audio.GetBytesFromBase64()), ct).ConfigureAwait(false);
                if (root.TryGetProperty("isFinal", out var final) && final.ValueKind == JsonValueKind.True)
                {
                    if (splitter.Flush() is { } last) await events.WriteAsync(new TtsAudio(last), ct).ConfigureAwait(false);
                    break;
                }
            }
        }
        finally
        {
            stop.Cancel();
            await sender.ConfigureAwait(false);
            await SpeechSocket.CloseQuietlyAsync(socket).ConfigureAwait(false);
        }

        async Task SendTextAsync()
        {
            try
            {
                await SendJsonAsync(Opening(tts, key)).ConfigureAwait(false);
                // The composer cuts where speech should start (a sentence, a flush tag): each chunk is voiced at once, not
                // held until ElevenLabs has buffered 120 characters. With chunkPlan off, ElevenLabs decides.
                var flushEach = tts.TextChunked;
                await foreach (var chunk in text.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    if (chunk.Length == 0) continue;
                    // The API expects each chunk to end with a space so words are not glued across chunks.
                    var spaced = char.IsWhiteSpace(chunk[^1]) ? chunk : chunk + " ";
                    var message = new JsonObject { ["text"] = spaced, ["try_trigger_generation"] = true };
                    if (flushEach) message["flush"] = true;
                    await SendJsonAsync(message).ConfigureAwait(false);
                }
                await SendJsonAsync(new JsonObject { ["text"] = "" }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
        }

        Task SendJsonAsync(JsonObject message) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, stop.Token);
    }

    /// <summary>The beginning-of-stream message: a single space, the key and the voice settings from the voice block.</summary>
    private static JsonObject Opening(TtsOptions tts, string key)
    {
        var settings = new JsonObject
        {
            ["stability"] = SpeechRaw.Num(tts.Raw, "stability") ?? 0.5,
            ["similarity_boost"] = SpeechRaw.Num(tts.Raw, "similarityBoost") ?? 0.75,
        };
        if (SpeechRaw.Num(tts.Raw, "style") is { } style) settings["style"] = style;
        if (SpeechRaw.Bool(tts.Raw, "useSpeakerBoost") is { } boost) settings["use_speaker_boost"] = boost;
        if ((tts.Speed ?? SpeechRaw.Num(tts.Raw, "speed")) is { } speed) settings["speed"] = speed;
        return new JsonObject { ["text"] = " ", ["voice_settings"] = settings, ["xi_api_key"] = key };
    }
}
