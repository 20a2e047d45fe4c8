using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.Cartesia;

/// <summary>Cartesia Sonic over <c>POST /tts/bytes</c> with raw pcm_s16le output (Vapi <c>voice.provider = "cartesia"</c>).</summary>
public sealed class CartesiaTextToSpeech(HttpClient http, CartesiaOptions options) : ITextToSpeech
{
    private static readonly int[] Rates = [8000, 16000, 22050, 24000, 44100, 48000];

    public TtsCapabilities Capabilities { get; } = new(StreamingInput: false, SampleRates: Rates);

    public IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions ttsOptions, CancellationToken cancellationToken) =>
        StreamingTtsSession.RunAsync((events, ct) => RunAsync(text, ttsOptions, events, ct), "cartesia", cancellationToken);

    private Task RunAsync(IAsyncEnumerable<string> text, TtsOptions tts, ChannelWriter<TtsEvent> events, CancellationToken ct)
    {
        var key = tts.ApiKey ?? options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            events.TryWrite(new TtsFailed(ProviderFailureKind.Permanent, "cartesia: no API key (set the credential or CARTESIA_API_KEY)"));
            return Task.CompletedTask;
        }
        if (tts.VoiceId is not { Length: > 0 } voice)
        {
            events.TryWrite(new TtsFailed(ProviderFailureKind.Permanent, "cartesia: voice.voiceId is required"));
            return Task.CompletedTask;
        }
        var rate = SpeechRaw.PickRate(tts.SampleRate, Rates, 24000);
        var uri = new Uri(options.BaseUrl.TrimEnd('/') + "/tts/bytes");
        return ChunkedHttpTts.RunAsync(text, rate, chunk =>
        {
            var body = new JsonObject
            {
                ["model_id"] = tts.Model ?? "sonic-2",
                ["transcript"] = chunk,
                ["voice"] = new JsonObject { ["mode"] = "id", ["id"] = voice },
                ["output_format"] = new JsonObject { ["container"] = "raw", ["encoding"] = "pcm_s16le", ["sample_rate"] = rate },
                ["language"] = tts.Language ?? "en",
            };
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
            request.Headers.Add("Cartesia-Version", options.ApiVersion);
            // Older API versions read X-API-Key, newer ones the bearer token; sending both works with either.
            request.Headers.Add("X-API-Key", key);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return request;
        }, http, events, "cartesia", ct);
    }
}
