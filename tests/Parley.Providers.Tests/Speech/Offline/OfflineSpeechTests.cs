using Parley.Core.Calls.Quality;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Tts;
using Parley.Providers.Speech.Espeak;
using Parley.Providers.Speech.PocketSphinx;
using Xunit.Abstractions;

namespace Parley.Providers.Tests.Speech.Offline;

/// <summary>eSpeak NG speaks, PocketSphinx listens: the two offline engines checked against each other.</summary>
[Collection(OfflineEngines.Collection)]
public sealed class OfflineSpeechTests(ITestOutputHelper output)
{
    private static readonly string[] Sentences =
    [
        "the weather is nice today",
        "please call me tomorrow morning",
        "i would like to book a table for two people",
    ];

    internal static async Task<short[]> SpeakAsync(string text, uint seed = 1)
    {
        var events = await new EspeakTextToSpeech(noiseSeed: seed).SynthesizeAsync(SpeechTestAudio.Chunks(text), new TtsOptions { VoiceId = "en-us" }, default).ToListAsync();
        if (events.OfType<TtsFailed>().FirstOrDefault() is { } failed) Assert.Fail(failed.Message);
        return events.Cast<TtsAudio>().SelectMany(a => a.Frame.Samples.ToArray()).ToArray();
    }

    [OfflineEngineFact]
    public async Task Espeak_speaks_a_sentence_as_20_ms_frames_at_its_native_rate()
    {
        var events = await new EspeakTextToSpeech().SynthesizeAsync(SpeechTestAudio.Chunks("Hello from Parley."), new TtsOptions(), default).ToListAsync();

        var frames = events.Select(e => Assert.IsType<TtsAudio>(e).Frame).ToList();
        Assert.All(frames, f => Assert.Equal(22050, f.SampleRate));
        // Runs of whole 20 ms frames (441 samples at 22,050 Hz); only the last may end short.
        Assert.All(frames[..^1], f => Assert.Equal(0, f.Samples.Length % 441));
        var seconds = frames.Sum(f => f.Duration.TotalSeconds);
        Assert.InRange(seconds, 0.5, 4);
        var peak = frames.SelectMany(f => f.Samples.ToArray()).Max(s => Math.Abs((int)s));
        Assert.True(peak > 1000, $"peak {peak} is too quiet to be speech");
    }

    /// <summary>
    /// eSpeak's fricative noise is random and its state carries from one utterance to the next, and PocketSphinx's
    /// result on a three-sentence stream swings between about 30% and 75% WER with it. So the bound is on the
    /// average over four noise seeds (measured alone: 47.5%).
    /// </summary>
    [OfflineEngineFact]
    public async Task Pocketsphinx_transcribes_espeak_speech_with_a_bounded_word_error_rate()
    {
        int errors = 0, words = 0;
        for (uint seed = 1; seed <= 4; seed++)
        {
            // One stream, as on a call: a second of silence between sentences lets the decoder's own voice
            // detector close each utterance, and its live cepstral normalisation settles over the stream.
            var stream = new List<short>(new short[8000]);
            foreach (var sentence in Sentences)
            {
                stream.AddRange(TestResampler.Resample(await SpeakAsync(sentence, seed), 22050, 16000));
                stream.AddRange(new short[16000]);
            }

            var events = await new PocketSphinxSpeechToText().TranscribeAsync(Frames(stream.ToArray()), new SttOptions { SampleRate = 16000 }, default).ToListAsync();

            Assert.DoesNotContain(events, e => e is SttFailed);
            Assert.Contains(events, e => e is TranscriptPartial);
            var heard = string.Join(" ", events.OfType<TranscriptFinal>().Select(f => f.Text));
            var (e, w) = WordErrorRate.Count(string.Join(" ", Sentences), heard);
            output.WriteLine($"seed {seed}: {e}/{w} errors, heard: {heard}");
            errors += e;
            words += w;
        }
        var wer = (double)errors / words;
        output.WriteLine($"WER {wer:P1} ({errors}/{words})");
        Assert.True(wer <= 0.6, $"word error rate {wer:P1}");
    }

    [OfflineEngineFact]
    public async Task Pocketsphinx_rejects_audio_at_a_rate_its_model_was_not_trained_on()
    {
        var events = await new PocketSphinxSpeechToText().TranscribeAsync(Frames(new short[1600]), new SttOptions { SampleRate = 8000 }, default).ToListAsync();

        Assert.Contains("16000", Assert.IsType<SttFailed>(Assert.Single(events)).Message);
    }

    private static async IAsyncEnumerable<AudioFrame> Frames(short[] samples)
    {
        for (var i = 0; i < samples.Length; i += 320)
        {
            await Task.Yield();
            yield return new AudioFrame(samples.AsMemory(i, Math.Min(320, samples.Length - i)), 16000, TimeSpan.FromMilliseconds(i / 16.0));
        }
    }
}
