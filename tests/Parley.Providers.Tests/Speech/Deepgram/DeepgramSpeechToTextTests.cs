using Parley.Core.Llm.Testing;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;
using Parley.Providers.Speech.Deepgram;

namespace Parley.Providers.Tests.Speech.Deepgram;

public sealed class DeepgramSpeechToTextTests
{
    private static DeepgramSpeechToText Stt(LoopbackServer server) =>
        new(new DeepgramOptions { BaseUrl = server.BaseUrl, ApiKey = null }, TimeProvider.System);

    [Fact]
    public async Task Interim_and_final_results_become_partial_and_final_transcripts()
    {
        var fake = new FakeDeepgramListenServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);
        var options = new SttOptions
        {
            SampleRate = 16000, ApiKey = FakeDeepgramListenServer.GoodKey, Keywords = ["Parley:2"],
            Raw = new JsonObject { ["endpointing"] = 300, ["smartFormat"] = true, ["model"] = "nova-3" },
        };

        var events = await Stt(server).TranscribeAsync(SpeechTestAudio.Tone(16000, 10), options, default).ToListAsync();

        var partial = Assert.IsType<TranscriptPartial>(events[0]);
        Assert.Equal("hello wor", partial.Text);
        var final = Assert.IsType<TranscriptFinal>(Assert.Single(events, e => e is TranscriptFinal));
        Assert.Equal("hello world", final.Text);
        Assert.Equal(["hello", "world"], final.Words.Select(w => w.Text));
        Assert.Equal(TimeSpan.FromSeconds(0.9), final.Words[1].End);
        Assert.Equal(0.97, final.Confidence);
        Assert.DoesNotContain(events, e => e is SttFailed);
        Assert.Equal(10 * 320 * 2, fake.AudioBytes);
        Assert.Contains("model=nova-3", fake.LastQuery);
        Assert.Contains("encoding=linear16", fake.LastQuery);
        Assert.Contains("sample_rate=16000", fake.LastQuery);
        Assert.Contains("interim_results=true", fake.LastQuery);
        Assert.Contains("endpointing=300", fake.LastQuery);
        Assert.Contains("smart_format=true", fake.LastQuery);
        Assert.Contains("keywords=Parley%3A2", fake.LastQuery);
    }

    [Fact]
    public async Task Rejected_api_key_makes_the_provider_unusable()
    {
        var fake = new FakeDeepgramListenServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await Stt(server).TranscribeAsync(SpeechTestAudio.Tone(16000, 3), new SttOptions { ApiKey = "wrong" }, default).ToListAsync();

        var failed = Assert.IsType<SttFailed>(Assert.Single(events));
        Assert.Equal(ProviderFailureKind.Permanent, failed.Kind);
        Assert.Contains("401", failed.Message);
    }

    [Fact]
    public async Task Missing_api_key_fails_permanently_without_connecting()
    {
        var fake = new FakeDeepgramListenServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await Stt(server).TranscribeAsync(SpeechTestAudio.Tone(16000, 1), new SttOptions(), default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Permanent, Assert.IsType<SttFailed>(Assert.Single(events)).Kind);
        Assert.Null(fake.LastQuery);
    }

    [Fact]
    public async Task Server_error_close_mid_stream_is_reported_as_a_transient_failure()
    {
        var fake = new FakeDeepgramListenServer { FailWith = (WebSocketCloseStatus.InternalServerError, "NET-0000") };
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await Stt(server).TranscribeAsync(SpeechTestAudio.Tone(16000, 50), new SttOptions { ApiKey = FakeDeepgramListenServer.GoodKey }, default).ToListAsync();

        var failed = Assert.IsType<SttFailed>(events[^1]);
        Assert.Equal(ProviderFailureKind.Transient, failed.Kind);
        Assert.Contains("NET-0000", failed.Message);
    }

    [Fact]
    public async Task Bad_audio_close_is_a_permanent_failure()
    {
        var fake = new FakeDeepgramListenServer { FailWith = (WebSocketCloseStatus.PolicyViolation, "DATA-0000") };
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await Stt(server).TranscribeAsync(SpeechTestAudio.Tone(16000, 50), new SttOptions { ApiKey = FakeDeepgramListenServer.GoodKey }, default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Permanent, Assert.IsType<SttFailed>(events[^1]).Kind);
    }

    [Fact]
    public async Task Silence_in_the_audio_stream_is_bridged_with_keep_alive_messages()
    {
        var fake = new FakeDeepgramListenServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);
        var clock = new ManualTimeProvider();
        var resume = new TaskCompletionSource();
        var stt = new DeepgramSpeechToText(new DeepgramOptions { BaseUrl = server.BaseUrl, KeepAliveInterval = TimeSpan.FromSeconds(4) }, clock);

        var run = stt.TranscribeAsync(StallingAudio(resume.Task), new SttOptions { ApiKey = FakeDeepgramListenServer.GoodKey }, default).ToListAsync();
        await Until(() => fake.AudioBytes > 0 && clock.PendingTimers > 0);
        clock.Advance(TimeSpan.FromSeconds(4));
        await Until(() => fake.KeepAlives > 0);
        resume.SetResult();
        var events = await run;

        Assert.Equal(1, fake.KeepAlives);
        Assert.IsType<TranscriptFinal>(events[^1]);
    }

    private static async IAsyncEnumerable<Parley.Core.Calls.Audio.AudioFrame> StallingAudio(Task resume)
    {
        await foreach (var f in SpeechTestAudio.Tone(16000, 1)) yield return f;
        await resume;
    }

    /// <summary>Waits for another task to reach a state; the deadline only stops a broken test from hanging.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition()) await Task.Delay(5, deadline.Token);
    }
}
