using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Fallbacks;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Stt;
using Parley.Core.Tests.Support;
using static Parley.Core.Tests.Calls.Fallbacks.ScriptedTranscriber;

namespace Parley.Core.Tests.Calls.Fallbacks;

// Invariant: when a transcriber fails, the next one hears the caller's unsettled audio again (everything since the
// last final, within the replay limit) and then the live audio, so the utterance in flight is transcribed whole;
// settled audio is not replayed; only when every transcriber fails does one SttFailed name each provider.
public class FallbackSpeechToTextTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private static async IAsyncEnumerable<AudioFrame> Caller(IEnumerable<AudioFrame> frames)
    {
        foreach (var frame in frames)
        {
            await Task.Yield();
            yield return frame;
        }
    }

    private static (FallbackSpeechToText Stt, SpeechProviderUsage Usage) Transcriber(
        ScriptedTranscriber first, ScriptedTranscriber second, ManualClock? clock = null, TimeSpan? replayLimit = null)
    {
        var usage = new SpeechProviderUsage(clock ?? new ManualClock());
        var stt = new FallbackSpeechToText(
        [
            new SttCandidate("deepgram", first, new SttOptions { Model = "nova-3", SampleRate = 8000 }),
            new SttCandidate("pocketsphinx", second, new SttOptions { Language = "en" }),
        ], usage, replayLimit);
        return (stt, usage);
    }

    private static async Task<List<TranscriptEvent>> Transcribe(FallbackSpeechToText stt, IEnumerable<AudioFrame> audio)
    {
        var events = new List<TranscriptEvent>();
        await foreach (var e in stt.TranscribeAsync(Caller(audio), new SttOptions { SampleRate = Rate }, CancellationToken.None))
            events.Add(e);
        return events;
    }

    private static Task<List<TranscriptEvent>> TranscribeGuarded(FallbackSpeechToText stt, IEnumerable<AudioFrame> audio) =>
        Transcribe(stt, audio).WaitAsync(Guard);

    private static List<string> Finals(IEnumerable<TranscriptEvent> events) => [.. events.OfType<TranscriptFinal>().Select(f => f.Text)];

    [Fact]
    public async Task Second_transcriber_hears_the_utterance_in_flight_again_and_finalises_all_of_it()
    {
        var first = new ScriptedTranscriber { FailAfterFrames = 3, ErrorMessage = "deepgram closed 1011" };
        var second = new ScriptedTranscriber();
        var (stt, _) = Transcriber(first, second);

        var events = await TranscribeGuarded(stt, [.. Speech("hello there world"), .. Silence(3)]);

        Assert.Equal(["hello there world"], Finals(events));
        Assert.DoesNotContain(events, e => e is SttFailed);
        // Every frame, from the first, reached the second transcriber exactly once.
        Assert.Equal(["hello", "hello", "there", "there", "world", "world", "", "", ""], second.Heard);
        var final = events.OfType<TranscriptFinal>().Single();
        Assert.Equal(TimeSpan.Zero, final.Words[0].Start);
        Assert.Equal(TimeSpan.FromMilliseconds(120), final.Words[^1].End);
        Assert.Equal(Rate, second.LastOptions!.SampleRate);
        Assert.Equal("en", second.LastOptions.Language);
    }

    [Fact]
    public async Task Audio_already_settled_by_a_final_is_not_replayed_and_timings_stay_on_the_streams_clock()
    {
        var first = new ScriptedTranscriber { FailAfterFrames = 6 };
        var second = new ScriptedTranscriber();
        var (stt, _) = Transcriber(first, second);

        // hi(0-40 ms) silence(40-100) good(100-140) morning(140-180) silence
        var events = await TranscribeGuarded(stt, [.. Speech("hi"), .. Silence(3), .. Speech("good morning"), .. Silence(2)]);

        Assert.Equal(["hi", "good morning"], Finals(events));
        Assert.DoesNotContain("hi", second.Heard);
        Assert.Equal(["", "", "", "good", "good", "morning", "morning", "", ""], second.Heard);
        var last = events.OfType<TranscriptFinal>().Last();
        Assert.Equal(TimeSpan.FromMilliseconds(100), last.Words[0].Start);
        Assert.Equal(TimeSpan.FromMilliseconds(180), last.Words[^1].End);
    }

    [Fact]
    public async Task A_connect_error_hands_the_whole_stream_to_the_second()
    {
        var first = new ScriptedTranscriber { ConnectError = "401 unauthorized" };
        var second = new ScriptedTranscriber();
        var (stt, usage) = Transcriber(first, second);

        var events = await TranscribeGuarded(stt, [.. Speech("yes please"), .. Silence(1)]);

        Assert.Equal(["yes please"], Finals(events));
        Assert.Equal(5, second.Heard.Count);
        Assert.Equal("pocketsphinx", stt.Current.Provider);
        Assert.Equal("401 unauthorized", Assert.Single(usage.Switches(SpeechRole.Transcriber)).Failure);
    }

    [Fact]
    public async Task An_exception_out_of_the_engine_is_a_failure_like_any_other()
    {
        var first = new ScriptedTranscriber { ThrowAfterFrames = 1, ErrorMessage = "reset by peer" };
        var second = new ScriptedTranscriber();
        var (stt, usage) = Transcriber(first, second);

        var events = await TranscribeGuarded(stt, [.. Speech("call me back"), .. Silence(1)]);

        Assert.Equal(["call me back"], Finals(events));
        Assert.Contains("reset by peer", Assert.Single(usage.Switches(SpeechRole.Transcriber)).Failure);
    }

    [Fact]
    public async Task The_replay_keeps_only_the_most_recent_audio_within_its_limit()
    {
        var first = new ScriptedTranscriber { FailAtEnd = true };
        var second = new ScriptedTranscriber();
        var (stt, _) = Transcriber(first, second, replayLimit: TimeSpan.FromMilliseconds(80));

        var events = await TranscribeGuarded(stt, Speech("one two three four", framesPerWord: 2));

        // 80 ms is four frames: "three three four four".
        Assert.Equal(["three", "three", "four", "four"], second.Heard);
        Assert.Equal(["three four"], Finals(events));
    }

    [Fact]
    public async Task When_every_transcriber_fails_the_stream_ends_in_one_failure_naming_each()
    {
        var first = new ScriptedTranscriber { FailAfterFrames = 2, ErrorMessage = "deepgram 503" };
        var second = new ScriptedTranscriber { FailAfterFrames = 1, ErrorMessage = "model missing" };
        var (stt, _) = Transcriber(first, second);

        var events = await TranscribeGuarded(stt, [.. Speech("are you there"), .. Silence(2)]);

        var failed = Assert.IsType<SttFailed>(events[^1]);
        Assert.Single(events.OfType<SttFailed>());
        Assert.Contains("deepgram: deepgram 503", failed.Message);
        Assert.Contains("pocketsphinx: model missing", failed.Message);
        // The last to fail is the one the call's endedReason names.
        Assert.Equal("pocketsphinx", failed.Provider);
        Assert.Empty(Finals(events));
    }

    [Fact]
    public async Task Usage_lists_both_transcribers_with_the_failure_at_the_clocks_time()
    {
        var clock = new ManualClock();
        clock.MoveTo(TimeSpan.FromSeconds(1.5));
        var first = new ScriptedTranscriber { FailAfterFrames = 2, ErrorMessage = "socket closed" };
        var second = new ScriptedTranscriber();
        var (stt, usage) = Transcriber(first, second, clock);

        await TranscribeGuarded(stt, [.. Speech("hello"), .. Silence(1)]);

        var json = usage.ToJson();
        Assert.Equal(
            """{"transcribers":[{"provider":"deepgram","startedAt":"2026-01-01T00:00:01.500Z","failedAt":"2026-01-01T00:00:01.500Z","failed":"socket closed"},{"provider":"pocketsphinx","startedAt":"2026-01-01T00:00:01.500Z"}],"voices":[]}""",
            json.ToJsonString());
        var change = Assert.Single(usage.Switches(SpeechRole.Transcriber));
        Assert.Equal(clock.GetUtcNow(), change.At);
    }

    [Fact]
    public async Task A_lone_transcriber_reads_the_callers_own_frames_without_a_copy()
    {
        var frames = Speech("hello there").Concat(Silence(1)).ToList();
        var engine = new ScriptedTranscriber();
        var seen = new List<short[]>();
        var stt = new FallbackSpeechToText([new SttCandidate("deepgram", new FrameWitness(engine, seen), new SttOptions())],
            new SpeechProviderUsage(new ManualClock()));

        var events = await TranscribeGuarded(stt, frames);

        Assert.Equal(["hello there"], Finals(events));
        Assert.Equal(frames.Count, seen.Count);
        for (var i = 0; i < frames.Count; i++) Assert.Same(SampleBuffers.ArrayOf(frames[i].Samples), seen[i]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_broken_audio_source_is_thrown_as_it_is_and_no_transcriber_is_blamed(int candidates)
    {
        async IAsyncEnumerable<AudioFrame> Broken()
        {
            foreach (var frame in Speech("hello"))
            {
                await Task.Yield();
                yield return frame;
            }
            throw new InvalidDataException("caller socket sent garbage");
        }
        var usage = new SpeechProviderUsage(new ManualClock());
        var stt = new FallbackSpeechToText(
            [.. Enumerable.Range(0, candidates).Select(i => new SttCandidate("engine" + i, new ScriptedTranscriber(), new SttOptions()))], usage);

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in stt.TranscribeAsync(Broken(), new SttOptions { SampleRate = Rate }, CancellationToken.None).WithCancellation(CancellationToken.None)) { }
        }).WaitAsync(Guard);

        Assert.Equal("caller socket sent garbage", thrown.Message);
        Assert.Empty(usage.Switches(SpeechRole.Transcriber));
    }

    /// <summary>Records the buffer of every frame an engine is given, then hands the frames on to it.</summary>
    private sealed class FrameWitness(ISpeechToText inner, List<short[]> seen) : ISpeechToText
    {
        public SttCapabilities Capabilities => inner.Capabilities;

        public IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options, CancellationToken cancellationToken) =>
            inner.TranscribeAsync(Witness(audio), options, cancellationToken);

        private async IAsyncEnumerable<AudioFrame> Witness(IAsyncEnumerable<AudioFrame> audio)
        {
            await foreach (var frame in audio)
            {
                seen.Add(SampleBuffers.ArrayOf(frame.Samples));
                yield return frame;
            }
        }
    }

    /// <summary>Reads frames without ever finalising, and says when it has read enough.</summary>
    private sealed class ForgetfulListener(int expected) : ISpeechToText
    {
        private int _read;
        public readonly TaskCompletionSource AllRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SttCapabilities Capabilities { get; } = new(true, true, [Rate]);

        public async IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var _ in audio.WithCancellation(cancellationToken))
                if (++_read == expected) AllRead.TrySetResult();
            yield break;
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 50)]
    public async Task Audio_is_kept_for_replay_only_while_a_transcriber_is_left_to_take_over(int candidates, int kept)
    {
        const int Frames = 50;
        var listener = new ForgetfulListener(Frames);
        var stt = new FallbackSpeechToText(
            [.. Enumerable.Range(0, candidates).Select(i => new SttCandidate("engine" + i, i == 0 ? listener : new ScriptedTranscriber(), new SttOptions()))],
            new SpeechProviderUsage(new ManualClock()));
        var hangUp = new TaskCompletionSource();
        // Speech with no final yet, and the stream still open: everything heard so far is unsettled.
        async IAsyncEnumerable<AudioFrame> StillTalking()
        {
            foreach (var frame in Enumerable.Range(0, Frames).Select(_ => new AudioFrame(new short[320], Rate, TimeSpan.Zero)))
            {
                await Task.Yield();
                yield return frame;
            }
            await hangUp.Task;
        }
        var transcribing = Task.Run(async () =>
        {
            await foreach (var _ in stt.TranscribeAsync(StillTalking(), new SttOptions { SampleRate = Rate }, CancellationToken.None)) { }
        });

        await listener.AllRead.Task.WaitAsync(Guard);
        var keptWhileTalking = stt.FramesKeptForReplay;
        hangUp.SetResult();
        await transcribing.WaitAsync(Guard);

        Assert.Equal(kept, keptWhileTalking);
    }
}
