using Parley.Core.Calls.Quality;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Denoise;
using Parley.Core.Calls.Stt;
using Parley.Providers.Speech.PocketSphinx;
using Xunit.Abstractions;

namespace Parley.Providers.Tests.Speech.Offline;

/// <summary>
/// Real speech (eSpeak NG) under stationary white noise, through each denoising plan. SNR counts everything that
/// is not the clean speech as error, so speech the denoiser damages costs as much as noise it leaves.
/// </summary>
[Collection(OfflineEngines.Collection)]
public sealed class DenoiseSpeechBenchmarkTests(ITestOutputHelper output)
{
    private const int Rate = 16000;
    /// <summary>
    /// Noise 20 dB under active speech: inside the default Fourier plan's reach (it only filters what lies more
    /// than 15 dB under the speech baseline), and loud enough to cost PocketSphinx words.
    /// </summary>
    private const double NoiseBelowSpeechDb = 20;

    [OfflineEngineFact]
    public async Task Every_plan_raises_the_snr_of_speech_in_stationary_noise()
    {
        var clean = await SpeechAsync();
        var speechRms = Math.Sqrt(clean.Where(s => Math.Abs(s) > 300).Average(s => s * s));
        var noise = WhiteNoise(clean.Length, speechRms / Math.Pow(10, NoiseBelowSpeechDb / 20));
        var noisy = clean.Select((s, i) => (short)Math.Clamp(Math.Round(s + noise[i]), short.MinValue, short.MaxValue)).ToArray();
        var before = Snr(clean, noisy, 0);
        output.WriteLine($"noisy input: SNR {before:F1} dB");

        var plans = new (string Name, bool Smart, FourierDenoiserOptions? Fourier)[]
        {
            ("fourier", false, new FourierDenoiserOptions()),
            ("fourier, offset -10", false, new FourierDenoiserOptions { BaselineOffsetDb = -10 }),
            ("smart (speex)", true, null),
            ("smart + fourier", true, new FourierDenoiserOptions()),
        };
        var stt = new PocketSphinxSpeechToText();
        output.WriteLine($"WER noisy: {await WerAsync(stt, noisy):P0}");
        foreach (var (name, smart, fourier) in plans)
        {
            var (denoiser, warnings) = BackgroundDenoiser.Create(Rate, smart, fourier);
            Assert.True(denoiser is not null, string.Join("; ", warnings));
            using var _ = denoiser;
            var processed = (short[])noisy.Clone();
            for (var i = 0; i + 320 <= processed.Length; i += 320) Assert.Equal(DenoiseResult.Ok, denoiser.Process(processed.AsSpan(i, 320)));
            var delay = (int)(denoiser.Latency.TotalSeconds * Rate);
            var after = Snr(clean, processed, delay);
            var aligned = processed.Skip(delay).ToArray();
            output.WriteLine($"{name}: SNR {after:F1} dB ({after - before:+0.0;-0.0} dB), WER {await WerAsync(stt, aligned):P0}");
            Assert.True(after > before + 3, $"{name}: SNR {before:F1} -> {after:F1} dB");
        }
    }

    private static readonly string[] Sentences = ["the weather is nice today", "please call me tomorrow morning", "i would like to book a table for two people"];

    private static async Task<short[]> SpeechAsync()
    {
        var all = new List<short>(new short[Rate]);
        foreach (var s in Sentences)
        {
            all.AddRange(TestResampler.Resample(await OfflineSpeechTests.SpeakAsync(s), 22050, Rate));
            all.AddRange(new short[Rate]);
        }
        return [.. all];
    }

    private static double[] WhiteNoise(int length, double rms)
    {
        var random = new Random(11);
        return Enumerable.Range(0, length).Select(_ => rms * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
    }

    /// <summary>Skips the first second, where every adaptive denoiser is still learning the noise.</summary>
    private static double Snr(short[] clean, short[] processed, int delay)
    {
        double signal = 0, error = 0;
        for (var i = Rate; i + delay < processed.Length; i++)
        {
            signal += (double)clean[i] * clean[i];
            double e = processed[i + delay] - clean[i];
            error += e * e;
        }
        return 10 * Math.Log10(signal / error);
    }

    private async Task<double> WerAsync(PocketSphinxSpeechToText stt, short[] audio)
    {
        var events = await stt.TranscribeAsync(Frames(audio), new SttOptions { SampleRate = Rate }, default).ToListAsync();
        var heard = string.Join(" ", events.OfType<TranscriptFinal>().Select(f => f.Text));
        output.WriteLine($"  heard: {string.Join(" | ", events.OfType<TranscriptFinal>().Select(f => f.Text))}");
        var (errors, words) = WordErrorRate.Count(string.Join(" ", Sentences), heard);
        return (double)errors / words;
    }

    private static async IAsyncEnumerable<AudioFrame> Frames(short[] samples)
    {
        for (var i = 0; i + 320 <= samples.Length; i += 320)
        {
            await Task.Yield();
            yield return new AudioFrame(samples.AsMemory(i, 320), Rate, TimeSpan.FromMilliseconds(i / 16.0));
        }
    }
}
