using Parley.Core.Calls.Denoise;
using Xunit.Abstractions;

namespace Parley.Core.Tests.Calls.Denoise;

public sealed class SmartDenoiserTests(ITestOutputHelper output)
{
    private const int Rate = 16000;

    [SpeexFact]
    public void Stationary_noise_is_suppressed_and_speech_kept()
    {
        var clean = TestSignals.HarmonicBursts(Rate * 6, Rate);
        var noise = TestSignals.WhiteNoise(clean.Length, -35);
        var (denoiser, error) = SmartDenoiser.Create(Rate);
        Assert.True(denoiser is not null, error);
        using var _ = denoiser;

        var noisy = TestSignals.Mix(clean, noise);
        var processed = TestSignals.Run(denoiser, noisy, Rate);

        var delay = (int)(denoiser.Latency.TotalSeconds * Rate);
        var best = Enumerable.Range(0, 800).MaxBy(d => TestSignals.Snr(clean, processed, d, skip: 2 * Rate));
        Assert.Equal(best, delay);
        var before = TestSignals.Snr(clean, noisy, 0, skip: 2 * Rate);
        var after = TestSignals.Snr(clean, processed, delay, skip: 2 * Rate);
        output.WriteLine($"speex SNR before {before:F1} dB, after {after:F1} dB");
        Assert.True(after > before + 3, $"SNR {before:F1} -> {after:F1} dB");
    }

    [SpeexFact]
    public void Frames_that_are_not_whole_10_ms_blocks_are_refused_untouched()
    {
        var (denoiser, error) = SmartDenoiser.Create(Rate);
        Assert.True(denoiser is not null, error);
        using var _ = denoiser;
        var frame = Enumerable.Range(0, 100).Select(i => (short)(i * 10)).ToArray();
        var copy = (short[])frame.Clone();

        Assert.Equal(DenoiseResult.UnsupportedFrameSize, denoiser.Process(frame));
        Assert.Equal(copy, frame);
    }
}
