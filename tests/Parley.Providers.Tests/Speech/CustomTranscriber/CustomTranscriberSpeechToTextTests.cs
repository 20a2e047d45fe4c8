using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;
using Parley.Providers.Speech.CustomTranscriber;

namespace Parley.Providers.Tests.Speech.CustomTranscriber;

public sealed class CustomTranscriberSpeechToTextTests
{
    private static SttOptions Options(LoopbackServer server, string secret = FakeCustomTranscriberServer.Secret) => new()
    {
        SampleRate = 8000,
        Raw = new JsonObject
        {
            ["provider"] = "custom-transcriber",
            ["server"] = new JsonObject
            {
                ["url"] = server.BaseUrl + "/transcribe",
                ["secret"] = secret,
                ["headers"] = new JsonObject { ["x-tenant"] = "acme" },
            },
        },
    };

    [Fact]
    public async Task Start_message_stereo_audio_and_customer_transcripts_follow_the_protocol()
    {
        var fake = new FakeCustomTranscriberServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);
        var assistant = Channel.CreateUnbounded<AudioFrame>();
        assistant.Writer.TryWrite(new AudioFrame(Enumerable.Repeat((short)1234, 200).ToArray(), 8000, TimeSpan.Zero));

        var events = await new CustomTranscriberSpeechToText()
            .TranscribeAsync(SpeechTestAudio.Tone(8000, 5), assistant.Reader, Options(server), default).ToListAsync();

        var start = fake.Start!.Value;
        Assert.Equal("start", start.GetProperty("type").GetString());
        Assert.Equal("linear16", start.GetProperty("encoding").GetString());
        Assert.Equal("raw", start.GetProperty("container").GetString());
        Assert.Equal(8000, start.GetProperty("sampleRate").GetInt32());
        Assert.Equal(2, start.GetProperty("channels").GetInt32());
        Assert.Equal("acme", fake.CustomHeader);

        var expected = await SpeechTestAudio.Tone(8000, 5).ToListAsync();
        Assert.Equal(expected.SelectMany(f => f.Samples.ToArray()), fake.Left);
        Assert.Equal(Enumerable.Repeat((short)1234, 200).Concat(Enumerable.Repeat((short)0, 600)), fake.Right);

        Assert.Equal(2, events.Count);
        Assert.Equal("book a", Assert.IsType<TranscriptPartial>(events[0]).Text);
        Assert.Equal("book a table", Assert.IsType<TranscriptFinal>(events[1]).Text);
    }

    [Fact]
    public async Task Error_message_from_the_server_ends_the_stream_with_a_failure()
    {
        var fake = new FakeCustomTranscriberServer { ReplyWithError = true };
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await new CustomTranscriberSpeechToText().TranscribeAsync(SpeechTestAudio.Tone(8000, 50), Options(server), default).ToListAsync();

        Assert.Contains("upstream quota exceeded", Assert.IsType<SttFailed>(Assert.Single(events)).Message);
    }

    [Fact]
    public async Task Garbage_from_the_server_becomes_a_transient_failure_not_an_exception()
    {
        var fake = new FakeCustomTranscriberServer { ReplyWithGarbage = true };
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await new CustomTranscriberSpeechToText().TranscribeAsync(SpeechTestAudio.Tone(8000, 50), Options(server), default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Transient, Assert.IsType<SttFailed>(Assert.Single(events)).Kind);
    }

    [Fact]
    public async Task Wrong_secret_is_a_permanent_failure()
    {
        var fake = new FakeCustomTranscriberServer();
        await using var server = await LoopbackServer.StartAsync(fake.HandleAsync);

        var events = await new CustomTranscriberSpeechToText().TranscribeAsync(SpeechTestAudio.Tone(8000, 1), Options(server, "nope"), default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Permanent, Assert.IsType<SttFailed>(Assert.Single(events)).Kind);
        Assert.Null(fake.Start);
    }

    [Fact]
    public async Task Missing_server_url_fails_permanently()
    {
        var events = await new CustomTranscriberSpeechToText().TranscribeAsync(SpeechTestAudio.Tone(8000, 1), new SttOptions(), default).ToListAsync();

        Assert.Equal(ProviderFailureKind.Permanent, Assert.IsType<SttFailed>(Assert.Single(events)).Kind);
    }
}
