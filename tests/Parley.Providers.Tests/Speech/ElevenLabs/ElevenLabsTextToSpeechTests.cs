using System.Text.Json.Nodes;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;
using Parley.Providers.Speech.ElevenLabs;

namespace Parley.Providers.Tests.Speech.ElevenLabs;

public sealed class ElevenLabsTextToSpeechTests
{
    private static ElevenLabsTextToSpeech Tts(LoopbackServer server) => new(new ElevenLabsOptions { BaseUrl = server.BaseUrl, ApiKey = null });

    [Fact]
    public async Task Streamed_text_comes_back_as_16_kHz_frames_with_the_voice_settings_sent_first()
    {
        var fake = new FakeElevenLabsServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);
        var options = new TtsOptions
        {
            ApiKey = FakeElevenLabsServer.Key, VoiceId = "burt", SampleRate = 16000,
            Raw = new JsonObject { ["stability"] = 0.3, ["similarityBoost"] = 0.9, ["useSpeakerBoost"] = true },
        };

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hello", "there."), options, default).ToListAsync();

        FakePcm.AssertFrames(events, 16000, FakePcm.For("Hello ").Concat(FakePcm.For("there. ")));
        Assert.Equal("burt", fake.Voice);
        Assert.Contains("output_format=pcm_16000", fake.Query);
        Assert.Contains("model_id=eleven_turbo_v2", fake.Query);
        Assert.Equal(["Hello ", "there. "], fake.Chunks);
        // The composer's chunks are voiced as they come.
        Assert.Equal([true, true], fake.Flushes);
        var settings = fake.Opening!.Value.GetProperty("voice_settings");
        Assert.Equal(0.3, settings.GetProperty("stability").GetDouble());
        Assert.Equal(0.9, settings.GetProperty("similarity_boost").GetDouble());
        Assert.True(settings.GetProperty("use_speaker_boost").GetBoolean());
    }

    [Fact]
    public async Task With_chunking_off_elevenlabs_decides_when_to_voice()
    {
        var fake = new FakeElevenLabsServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);
        var options = new TtsOptions
        {
            ApiKey = FakeElevenLabsServer.Key, VoiceId = "burt", SampleRate = 16000,
            TextChunked = false,
        };

        await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hello", "there."), options, default).ToListAsync();

        Assert.Equal([false, false], fake.Flushes);
    }

    [Fact]
    public async Task Rejected_api_key_makes_the_provider_unusable()
    {
        var fake = new FakeElevenLabsServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await Tts(server).SynthesizeAsync(SpeechTestAudio.Chunks("Hi."), new TtsOptions { ApiKey = "nope", VoiceId = "burt" }, default).ToListAsync();

        var failed = Assert.IsType<TtsFailed>(Assert.Single(events));
        Assert.Equal(ProviderFailureKind.Permanent, failed.Kind);
        Assert.Contains("Invalid API key", failed.Message);
    }
}
