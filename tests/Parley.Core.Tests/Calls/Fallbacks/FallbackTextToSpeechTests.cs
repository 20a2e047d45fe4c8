using Parley.Core.Calls.Fallbacks;
using Parley.Core.Calls.Simulation;
using Parley.Core.Calls.Tts;

namespace Parley.Core.Tests.Calls.Fallbacks;

// Invariant: a failing voice hands the unspoken rest of the reply to the next candidate — the chunk in progress and
// every later chunk, never a chunk that was fully spoken — later replies start on the voice that worked, and only
// when every voice failed does the reply end in one TtsFailed that names each provider and its error.
public class FallbackTextToSpeechTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private static async IAsyncEnumerable<string> Text(params string[] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
    }

    private static (FallbackTextToSpeech Voice, SpeechProviderUsage Usage) Voice(ScriptedVoice first, ScriptedVoice second, ManualClock? clock = null)
    {
        var usage = new SpeechProviderUsage(clock ?? new ManualClock());
        var voice = new FallbackTextToSpeech(
        [
            new TtsCandidate("11labs", first, new TtsOptions { VoiceId = "rachel", SampleRate = 8000 }),
            new TtsCandidate("openai", second, new TtsOptions { VoiceId = "alloy", Model = "tts-1", SampleRate = 8000 }),
        ], usage);
        return (voice, usage);
    }

    private static async Task<List<TtsEvent>> Speak(FallbackTextToSpeech voice, params string[] chunks)
    {
        var events = new List<TtsEvent>();
        await foreach (var e in voice.SynthesizeAsync(Text(chunks), new TtsOptions { SampleRate = 16000 }, CancellationToken.None))
            events.Add(e);
        return events;
    }

    private static Task<List<TtsEvent>> SpeakGuarded(FallbackTextToSpeech voice, params string[] chunks) =>
        Speak(voice, chunks).WaitAsync(Guard);

    private static List<string> Heard(IEnumerable<TtsEvent> events) =>
        [.. events.OfType<TtsAudio>().Select(a => ScriptedVoice.Describe(a.Frame))];

    [Fact]
    public async Task First_voice_failing_mid_reply_hands_the_chunk_in_progress_and_the_rest_to_the_second()
    {
        var first = new ScriptedVoice(1, framesPerChunk: 3) { FailAfterFrames = 4, ErrorMessage = "socket closed" };
        var second = new ScriptedVoice(2, framesPerChunk: 3);
        var (voice, _) = Voice(first, second);

        var events = await SpeakGuarded(voice, "One.", "Two.", "Three.");

        Assert.Equal(
        [
            "1:One.#0", "1:One.#1", "1:One.#2", "1:Two.#0",
            "2:Two.#0", "2:Two.#1", "2:Two.#2", "2:Three.#0", "2:Three.#1", "2:Three.#2",
        ], Heard(events));
        Assert.DoesNotContain(events, e => e is TtsFailed);
        // "One." was fully spoken, so the second voice must not say it again.
        Assert.Equal(["Two.", "Three."], second.Received);
    }

    [Fact]
    public async Task The_second_voice_gets_its_own_options_and_the_calls_sample_rate()
    {
        var first = new ScriptedVoice(1) { ConnectError = "401" };
        var second = new ScriptedVoice(2);
        var (voice, _) = Voice(first, second);

        await SpeakGuarded(voice, "Hi.");

        var options = Assert.Single(second.Options);
        Assert.Equal("alloy", options.VoiceId);
        Assert.Equal("tts-1", options.Model);
        Assert.Equal(16000, options.SampleRate);
        Assert.Equal(16000, Assert.Single(first.Options).SampleRate);
    }

    [Fact]
    public async Task The_next_reply_goes_straight_to_the_voice_that_worked()
    {
        var first = new ScriptedVoice(1) { FailAfterFrames = 1 };
        var second = new ScriptedVoice(2);
        var (voice, usage) = Voice(first, second);

        await SpeakGuarded(voice, "One.", "Two.");
        var next = await SpeakGuarded(voice, "Again.");

        Assert.Equal(1, first.Calls);
        Assert.Equal(2, second.Calls);
        Assert.Equal(["2:Again.#0", "2:Again.#1", "2:Again.#2"], Heard(next));
        Assert.Equal("openai", voice.Current.Provider);
        Assert.Equal(["11labs", "openai"], usage.Providers(SpeechRole.Voice));
        Assert.Single(usage.Switches(SpeechRole.Voice));
    }

    [Fact]
    public async Task A_connect_error_before_any_audio_gives_the_whole_reply_to_the_second()
    {
        var first = new ScriptedVoice(1) { ConnectError = "connection refused" };
        var second = new ScriptedVoice(2, framesPerChunk: 1);
        var (voice, usage) = Voice(first, second);

        var events = await SpeakGuarded(voice, "One.", "Two.");

        Assert.Equal(["2:One.#0", "2:Two.#0"], Heard(events));
        var change = Assert.Single(usage.Switches(SpeechRole.Voice));
        Assert.Equal(("11labs", "openai", "connection refused"), (change.From, change.To, change.Failure));
    }

    [Fact]
    public async Task An_exception_out_of_the_engine_is_a_failure_like_any_other()
    {
        var first = new ScriptedVoice(1, framesPerChunk: 2) { ThrowAfterFrames = 3, ErrorMessage = "reset by peer" };
        var second = new ScriptedVoice(2, framesPerChunk: 2);
        var (voice, usage) = Voice(first, second);

        var events = await SpeakGuarded(voice, "A.", "B.", "C.");

        Assert.Equal(["1:A.#0", "1:A.#1", "1:B.#0", "2:B.#0", "2:B.#1", "2:C.#0", "2:C.#1"], Heard(events));
        Assert.Contains("reset by peer", Assert.Single(usage.Switches(SpeechRole.Voice)).Failure);
    }

    [Fact]
    public async Task A_streaming_engine_that_speaks_as_it_reads_gets_credit_for_chunks_it_finished()
    {
        var first = new ScriptedVoice(1, streamingInput: true, framesPerChunk: 2) { FailAfterFrames = 3 };
        var second = new ScriptedVoice(2, framesPerChunk: 2);
        var (voice, _) = Voice(first, second);

        await SpeakGuarded(voice, "A.", "B.", "C.");

        Assert.Equal(["B.", "C."], second.Received);
    }

    [Fact]
    public async Task A_streaming_engine_that_read_ahead_gets_no_credit_so_nothing_is_dropped()
    {
        var first = new ScriptedVoice(1, streamingInput: true, framesPerChunk: 2) { FailAfterFrames = 3, ReadsAhead = true };
        var second = new ScriptedVoice(2, framesPerChunk: 2);
        var (voice, _) = Voice(first, second);

        await SpeakGuarded(voice, "A.", "B.", "C.");

        // It cannot be told how far the audio got, so the reply is said again rather than losing a sentence.
        Assert.Equal(["A.", "B.", "C."], second.Received);
    }

    [Fact]
    public async Task When_every_voice_fails_the_reply_ends_in_one_failure_naming_each()
    {
        var first = new ScriptedVoice(1) { FailAfterFrames = 2, ErrorMessage = "quota exceeded" };
        var second = new ScriptedVoice(2) { ConnectError = "invalid api key" };
        var (voice, usage) = Voice(first, second);

        var events = await SpeakGuarded(voice, "One.", "Two.");

        // Audio from before the failure is kept.
        Assert.Equal(["1:One.#0", "1:One.#1"], Heard(events));
        var failed = Assert.IsType<TtsFailed>(events[^1]);
        Assert.Single(events.OfType<TtsFailed>());
        Assert.Contains("11labs: quota exceeded", failed.Message);
        Assert.Contains("openai: invalid api key", failed.Message);
        // The last to fail is the one the call's endedReason names.
        Assert.Equal("openai", failed.Provider);
        var voices = usage.ToJson()["voices"]!.AsArray();
        Assert.Equal(2, voices.Count);
        Assert.Equal("invalid api key", (string?)voices[1]!["failed"]);
    }

    [Fact]
    public async Task A_single_working_voice_passes_the_reply_through_untouched()
    {
        var only = new ScriptedVoice(1, framesPerChunk: 1);
        var usage = new SpeechProviderUsage(new ManualClock());
        var voice = new FallbackTextToSpeech([new TtsCandidate("cartesia", only, new TtsOptions())], usage);

        var events = await SpeakGuarded(voice, "Hello.", "World.");

        Assert.Equal(["1:Hello.#0", "1:World.#0"], Heard(events));
        Assert.Empty(usage.Switches(SpeechRole.Voice));
        Assert.Equal(["cartesia"], usage.Providers(SpeechRole.Voice));
    }
}
