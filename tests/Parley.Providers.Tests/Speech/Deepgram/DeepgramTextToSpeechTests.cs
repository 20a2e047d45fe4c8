using Microsoft.AspNetCore.Http;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;
using Parley.Providers.Speech.Deepgram;

namespace Parley.Providers.Tests.Speech.Deepgram;

public sealed class DeepgramTextToSpeechTests
{
    private readonly List<string> _queries = [];

    /// <summary>Deepgram's /v1/speak: Token auth, {"text"} body, raw linear16 when container=none.</summary>
    private async Task Handle(HttpContext context)
    {
        if (context.Request.Path != "/v1/speak") { context.Response.StatusCode = 404; return; }
        if (context.Request.Headers.Authorization != "Token " + FakeDeepgramListenServer.GoodKey)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}""");
            return;
        }
        lock (_queries) _queries.Add(context.Request.QueryString.Value!);
        var q = context.Request.Query;
        if (q["encoding"] != "linear16" || q["container"] != "none") { context.Response.StatusCode = 400; return; }
        var text = (await FakePcm.ReadJsonAsync(context.Request)).GetProperty("text").GetString()!;
        await FakePcm.WriteChunkedAsync(context.Response, FakePcm.Bytes(text));
    }

    private static DeepgramTextToSpeech Tts(LoopbackServer server) => new(new HttpClient(), new DeepgramOptions { BaseUrl = server.BaseUrl, ApiKey = null });

    [Fact]
    public async Task Aura_voice_is_requested_at_the_call_rate_and_framed_at_that_rate()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);
        var options = new TtsOptions { ApiKey = FakeDeepgramListenServer.GoodKey, VoiceId = "luna", Model = "aura-2", SampleRate = 16000 };

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Good morning."), options, default).ToListAsync();

        FakePcm.AssertFrames(events, 16000, FakePcm.For("Good morning."));
        Assert.Contains("model=aura-2-luna-en", _queries[0]);
        Assert.Contains("sample_rate=16000", _queries[0]);
    }

    [Fact]
    public async Task Unsupported_rate_falls_back_to_24_kHz_and_says_so_on_the_frames()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hi."), new TtsOptions { ApiKey = FakeDeepgramListenServer.GoodKey, SampleRate = 22050 }, default).ToListAsync();

        FakePcm.AssertFrames(events, 24000, FakePcm.For("Hi."));
    }

    [Fact]
    public async Task Rejected_api_key_makes_the_provider_unusable()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hi."), new TtsOptions { ApiKey = "bad" }, default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Permanent, Assert.IsType<TtsFailed>(Assert.Single(events)).Kind);
    }
}
