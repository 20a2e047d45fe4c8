using Microsoft.AspNetCore.Http;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;
using Parley.Providers.Speech.Cartesia;

namespace Parley.Providers.Tests.Speech.Cartesia;

public sealed class CartesiaTextToSpeechTests
{
    private const string Key = "sk_car_test";
    private readonly List<System.Text.Json.JsonElement> _bodies = [];

    /// <summary>Cartesia's /tts/bytes: a dated Cartesia-Version header is required, raw pcm_s16le at the asked rate.</summary>
    private async Task Handle(HttpContext context)
    {
        if (context.Request.Path != "/tts/bytes") { context.Response.StatusCode = 404; return; }
        if (string.IsNullOrEmpty(context.Request.Headers["Cartesia-Version"]))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("missing Cartesia-Version");
            return;
        }
        if (context.Request.Headers.Authorization != "Bearer " + Key) { context.Response.StatusCode = 401; return; }
        var body = await FakePcm.ReadJsonAsync(context.Request);
        lock (_bodies) _bodies.Add(body);
        var format = body.GetProperty("output_format");
        if (format.GetProperty("container").GetString() != "raw" || format.GetProperty("encoding").GetString() != "pcm_s16le")
        {
            context.Response.StatusCode = 422;
            return;
        }
        await FakePcm.WriteChunkedAsync(context.Response, FakePcm.Bytes(body.GetProperty("transcript").GetString()!));
    }

    private static CartesiaTextToSpeech Tts(LoopbackServer server) => new(new HttpClient(), new CartesiaOptions { BaseUrl = server.BaseUrl, ApiKey = null });

    [Fact]
    public async Task Transcript_is_spoken_as_raw_pcm_at_the_call_rate()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);
        var options = new TtsOptions { ApiKey = Key, VoiceId = "a0e99841", SampleRate = 8000, Language = "de" };

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Guten Tag.", " Wie geht's?"), options, default).ToListAsync();

        FakePcm.AssertFrames(events, 8000, FakePcm.For("Guten Tag.").Concat(FakePcm.For(" Wie geht's?")));
        Assert.Equal("a0e99841", _bodies[0].GetProperty("voice").GetProperty("id").GetString());
        Assert.Equal(8000, _bodies[0].GetProperty("output_format").GetProperty("sample_rate").GetInt32());
        Assert.Equal("de", _bodies[0].GetProperty("language").GetString());
    }

    [Fact]
    public async Task Rejected_api_key_makes_the_provider_unusable()
    {
        await using var server = await LoopbackServer.StartAsync(Handle);

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hi."), new TtsOptions { ApiKey = "bad", VoiceId = "v" }, default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Permanent, Assert.IsType<TtsFailed>(Assert.Single(events)).Kind);
    }
}
