using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.OpenAI;

/// <summary>OpenAI speech (<c>POST /audio/speech</c>, <c>response_format: pcm</c>) for Vapi <c>voice.provider = "openai"</c>.</summary>
public sealed class OpenAITextToSpeech(HttpClient http, OpenAITtsOptions options) : ITextToSpeech
{
    /// <summary>OpenAI's <c>pcm</c> format is fixed at 24 kHz mono s16le.</summary>
    public const int PcmSampleRate = 24000;

    public TtsCapabilities Capabilities { get; } = new(StreamingInput: false, SampleRates: [PcmSampleRate]);

    public IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions ttsOptions, CancellationToken cancellationToken) =>
        StreamingTtsSession.RunAsync((events, ct) => RunAsync(text, ttsOptions, events, ct), "openai", cancellationToken);

    private Task RunAsync(IAsyncEnumerable<string> text, TtsOptions tts, ChannelWriter<TtsEvent> events, CancellationToken ct)
    {
        var key = tts.ApiKey ?? options.ApiKey;
        if (string.IsNullOrEmpty(key))
        {
            events.TryWrite(new TtsFailed(ProviderFailureKind.Permanent, "openai: no API key (set the credential or OPENAI_API_KEY)"));
            return Task.CompletedTask;
        }
        var uri = new Uri(options.BaseUrl.TrimEnd('/') + "/audio/speech");
        return ChunkedHttpTts.RunAsync(text, PcmSampleRate, chunk =>
        {
            var body = new JsonObject
            {
                ["model"] = tts.Model ?? "tts-1",
                ["input"] = chunk,
                ["voice"] = tts.VoiceId ?? "alloy",
                ["response_format"] = "pcm",
            };
            if (tts.Speed is { } speed) body["speed"] = speed;
            if (SpeechRaw.Str(tts.Raw, "instructions") is { } instructions) body["instructions"] = instructions;
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return request;
        }, http, events, "openai", ct);
    }
}
