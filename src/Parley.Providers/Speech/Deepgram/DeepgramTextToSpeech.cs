using System.Globalization;
using System.Net.Http.Json;
using System.Threading.Channels;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.Deepgram;

/// <summary>Deepgram Aura over <c>POST /v1/speak</c> with raw linear16 output (Vapi <c>voice.provider = "deepgram"</c>).</summary>
public sealed class DeepgramTextToSpeech(HttpClient http, DeepgramOptions options) : ITextToSpeech
{
    private static readonly int[] Rates = [8000, 16000, 24000, 32000, 48000];

    public TtsCapabilities Capabilities { get; } = new(StreamingInput: false, SampleRates: Rates);

    public IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions ttsOptions, CancellationToken cancellationToken) =>
        StreamingTtsSession.RunAsync((events, ct) => RunAsync(text, ttsOptions, events, ct), "deepgram", cancellationToken);

    private Task RunAsync(IAsyncEnumerable<string> text, TtsOptions tts, ChannelWriter<TtsEvent> events, CancellationToken ct)
    {
        var key = tts.ApiKey ?? options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            events.TryWrite(new TtsFailed(ProviderFailureKind.Permanent, "deepgram: no API key (set the credential or DEEPGRAM_API_KEY)"));
            return Task.CompletedTask;
        }
        var rate = SpeechRaw.PickRate(tts.SampleRate, Rates, 24000);
        // Vapi sends voiceId "asteria" with model "aura" or "aura-2"; Deepgram wants the joined name.
        var voice = tts.VoiceId ?? "asteria";
        var model = voice.StartsWith("aura", StringComparison.Ordinal) ? voice : $"{tts.Model ?? "aura"}-{voice}-en";
        // container=none: linear16 otherwise arrives wrapped in a WAV header.
        var uri = options.HttpUri($"v1/speak?model={Uri.EscapeDataString(model)}&encoding=linear16&container=none&sample_rate={rate.ToString(CultureInfo.InvariantCulture)}");
        return ChunkedHttpTts.RunAsync(text, rate, chunk =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(new { text = chunk }) };
            request.Headers.TryAddWithoutValidation("Authorization", "Token " + key);
            return request;
        }, http, events, "deepgram", ct);
    }
}
