using System.Text.Json.Nodes;
using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Tts;
using Parley.Core.Http;
using Parley.Core.Json;
using Parley.Providers.Speech.Cartesia;
using Parley.Providers.Speech.CustomTranscriber;
using Parley.Providers.Speech.Deepgram;
using Parley.Providers.Speech.ElevenLabs;
using Parley.Providers.Speech.Espeak;
using Parley.Providers.Speech.OpenAI;
using Parley.Providers.Speech.PocketSphinx;

namespace Parley.Server.Calls;

/// <summary>A speech engine chosen for a call, with the options it runs with.</summary>
public sealed record SpeechEngine<TEngine, TOptions>(string Provider, TEngine Engine, TOptions Options);

/// <summary>Finds the STT and TTS engines an assistant's <c>transcriber</c> and <c>voice</c> blocks name.</summary>
public interface ISpeechProviderCatalog
{
    /// <summary>The engine for one transcriber block, or a clear error (unknown provider, missing key, missing package).</summary>
    ValueTask<(SpeechEngine<ISpeechToText, SttOptions>? Engine, string? Error)> TranscriberAsync(JsonObject? transcriber, ICredentialStore credentials,
        int sampleRate, CancellationToken cancellationToken);

    /// <summary>The engine for one voice block, or a clear error.</summary>
    ValueTask<(SpeechEngine<ITextToSpeech, TtsOptions>? Engine, string? Error)> VoiceAsync(JsonObject? voice, ICredentialStore credentials,
        int sampleRate, CancellationToken cancellationToken);
}

/// <summary>
/// The providers Parley ships: Deepgram, custom-transcriber and PocketSphinx for listening; OpenAI, ElevenLabs,
/// Cartesia, Deepgram Aura and eSpeak NG for speaking. Vapi's own provider name, <c>vapi</c>, means the platform's
/// built-in engines — here the offline ones — and is the default when an assistant names none, so a fresh install
/// talks without any key. Keys come from the org's credential for the provider, then the environment.
/// </summary>
public sealed class SpeechProviderCatalog(IHttpClientFactory http, CloudSpeechProviders cloud, TimeProvider clock) : ISpeechProviderCatalog
{
    public const string HttpClientName = "parley-speech";

    public async ValueTask<(SpeechEngine<ISpeechToText, SttOptions>? Engine, string? Error)> TranscriberAsync(JsonObject? transcriber,
        ICredentialStore credentials, int sampleRate, CancellationToken cancellationToken)
    {
        var provider = JsonRead.String(transcriber?["provider"]) ?? "vapi";
        var options = new SttOptions
        {
            SampleRate = sampleRate,
            Language = JsonRead.String(transcriber?["language"]),
            Model = JsonRead.String(transcriber?["model"]),
            Keywords = (transcriber?["keywords"] as JsonArray)?.Select(JsonRead.String).OfType<string>().ToList() ?? [],
            Raw = transcriber,
        };
        switch (provider)
        {
            case "deepgram":
                var key = await KeyAsync(provider, credentials, cancellationToken);
                if (key is null) return (null, MissingKey("transcriber", provider));
                var deepgram = new DeepgramOptions { BaseUrl = cloud.BaseUrl(provider) };
                return (new(provider, new DeepgramSpeechToText(deepgram, clock), options with { ApiKey = key }), null);
            case "custom-transcriber":
                if (CustomTranscriberServer.FromTranscriber(transcriber) is null)
                    return (null, "transcriber.server.url is required for the custom-transcriber provider");
                return (new(provider, new CustomTranscriberSpeechToText(), options), null);
            case "vapi" or "pocketsphinx":
                if (PocketSphinxSpeechToText.Unavailable is { } missing) return (null, $"transcriber '{provider}' runs PocketSphinx offline, which is not available: {missing}");
                return (new(provider, new PocketSphinxSpeechToText(), options), null);
            default:
                return (null, $"transcriber.provider '{provider}' is not supported by this Parley server (supported: deepgram, custom-transcriber, vapi)");
        }
    }

    public async ValueTask<(SpeechEngine<ITextToSpeech, TtsOptions>? Engine, string? Error)> VoiceAsync(JsonObject? voice,
        ICredentialStore credentials, int sampleRate, CancellationToken cancellationToken)
    {
        var provider = JsonRead.String(voice?["provider"]) ?? "vapi";
        var options = new TtsOptions
        {
            SampleRate = sampleRate,
            VoiceId = JsonRead.Text(voice?["voiceId"]),
            Model = JsonRead.String(voice?["model"]),
            Language = JsonRead.String(voice?["language"]),
            Speed = JsonRead.Number(voice?["speed"]),
            Raw = voice,
        };
        switch (provider)
        {
            case "vapi" or "espeak":
                if (EspeakTextToSpeech.Unavailable is { } missing) return (null, $"voice '{provider}' speaks with eSpeak NG offline, which is not available: {missing}");
                // Vapi's own voice names (Elliot, Kylie...) mean nothing to eSpeak NG: it speaks its default voice.
                return (new(provider, new EspeakTextToSpeech(), options with { VoiceId = provider == "espeak" ? options.VoiceId : null }), null);
        }
        if (!cloud.Knows(provider))
            return (null, $"voice.provider '{provider}' is not supported by this Parley server (supported: openai, 11labs, cartesia, deepgram, vapi)");
        var key = await KeyAsync(provider, credentials, cancellationToken);
        if (key is null) return (null, MissingKey("voice", provider));
        options = options with { ApiKey = key };
        var baseUrl = cloud.BaseUrl(provider);
        ITextToSpeech engine = provider switch
        {
            "openai" => new OpenAITextToSpeech(http.CreateClient(HttpClientName), new OpenAITtsOptions { BaseUrl = baseUrl }),
            "11labs" => new ElevenLabsTextToSpeech(new ElevenLabsOptions { BaseUrl = baseUrl }),
            "cartesia" => new CartesiaTextToSpeech(http.CreateClient(HttpClientName), new CartesiaOptions { BaseUrl = baseUrl }),
            _ => new DeepgramTextToSpeech(http.CreateClient(HttpClientName), new DeepgramOptions { BaseUrl = baseUrl }),
        };
        return (new(provider, engine, options), null);
    }

    /// <summary>The org's credential for the provider wins over the server's environment.</summary>
    private async ValueTask<string?> KeyAsync(string provider, ICredentialStore credentials, CancellationToken cancellationToken)
    {
        var credential = await credentials.FindByProviderAsync(provider, cancellationToken);
        return JsonRead.String(credential?["apiKey"]) ?? cloud.ServerKey(provider);
    }

    private string MissingKey(string block, string provider) =>
        $"{block}.provider '{provider}' needs an API key: add a credential with provider '{provider}' (POST /credential) or set {cloud.KeyVariable(provider)} on the server";
}
