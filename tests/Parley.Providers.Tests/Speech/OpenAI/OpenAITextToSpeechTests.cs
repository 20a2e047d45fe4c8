using Microsoft.AspNetCore.Http;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;
using Parley.Providers.Speech.OpenAI;

namespace Parley.Providers.Tests.Speech.OpenAI;

public sealed class OpenAITextToSpeechTests
{
    private const string Key = "sk-test";
    private readonly List<System.Text.Json.JsonElement> _bodies = [];

    /// <summary>OpenAI's /v1/audio/speech: bearer auth, JSON body, raw 24 kHz PCM for response_format=pcm.</summary>
    private async Task Handle(HttpContext context)
    {
        if (context.Request.Path != "/v1/audio/speech" || context.Request.Method != "POST") { context.Response.StatusCode = 404; return; }
        if (context.Request.Headers.Authorization != "Bearer " + Key)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""");
            return;
        }
        var body = await FakePcm.ReadJsonAsync(context.Request);
        lock (_bodies) _bodies.Add(body);
        if (body.GetProperty("response_format").GetString() != "pcm") { context.Response.StatusCode = 400; return; }
        if (body.GetProperty("input").GetString() == "overload") { context.Response.StatusCode = 503; return; }
        context.Response.ContentType = "audio/pcm";
        await FakePcm.WriteChunkedAsync(context.Response, FakePcm.Bytes(body.GetProperty("input").GetString()!));
    }

    private static OpenAITextToSpeech Tts(LoopbackServer server) => new(new HttpClient(), new OpenAITtsOptions { BaseUrl = server.BaseUrl + "/v1", ApiKey = null });

    [Fact]
    public async Task Each_chunk_is_spoken_as_24_kHz_frames_on_one_timeline()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);
        var options = new TtsOptions { ApiKey = Key, VoiceId = "nova", Model = "gpt-4o-mini-tts", Speed = 1.1 };

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hello there.", " How can I help?"), options, default).ToListAsync();

        FakePcm.AssertFrames(events, 24000, FakePcm.For("Hello there.").Concat(FakePcm.For(" How can I help?")));
        Assert.Equal(2, _bodies.Count);
        Assert.Equal("nova", _bodies[0].GetProperty("voice").GetString());
        Assert.Equal("gpt-4o-mini-tts", _bodies[0].GetProperty("model").GetString());
        Assert.Equal(1.1, _bodies[0].GetProperty("speed").GetDouble());
    }

    [Fact]
    public async Task Rejected_api_key_makes_the_provider_unusable()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hi."), new TtsOptions { ApiKey = "bad" }, default).ToListAsync();

        var failed = Assert.IsType<TtsFailed>(Assert.Single(events));
        Assert.Equal(ProviderFailureKind.Permanent, failed.Kind);
        Assert.Contains("401", failed.Message);
    }

    [Fact]
    public async Task Unavailable_service_is_a_transient_failure_after_the_audio_already_spoken()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("First.", "overload", "never"), new TtsOptions { ApiKey = Key }, default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Transient, Assert.IsType<TtsFailed>(events[^1]).Kind);
        Assert.Equal(FakePcm.For("First.").Length / 480, events.Count(e => e is TtsAudio));
        Assert.Equal(2, _bodies.Count);
    }
}
