using Parley.Core.Calls.Denoise;
using Xunit.Abstractions;

namespace Parley.Core.Tests.Calls.Denoise;

public sealed class FourierDenoiserTests(ITestOutputHelper output)
{
    private const int Rate = 16000;

    [Fact]
    public void Loud_clean_speech_passes_through_unchanged_apart_from_the_stated_latency()
    {
        var clean = TestSignals.HarmonicBursts(Rate * 3, Rate);
        using var denoiser = new FourierDenoiser(Rate, new FourierDenoiserOptions());

        var processed = TestSignals.Run(denoiser, TestSignals.Mix(clean, new double[clean.Length]), Rate);

        var delay = (int)(denoiser.Latency.TotalSeconds * Rate);
        Assert.Equal(256, delay);
        var snr = TestSignals.Snr(clean, processed, delay, skip: Rate);
        output.WriteLine($"pass-through SNR {snr:F1} dB");
        Assert.True(snr > 30, $"clean speech was altered: {snr:F1} dB");
    }

    [Fact]
    public void Stationary_noise_below_the_baseline_offset_is_removed_between_and_under_speech()
    {
        var clean = TestSignals.HarmonicBursts(Rate * 6, Rate);
        var noise = TestSignals.WhiteNoise(clean.Length, -42);
        using var denoiser = new FourierDenoiser(Rate, new FourierDenoiserOptions());

        var processed = TestSignals.Run(denoiser, TestSignals.Mix(clean, noise), Rate);

        var delay = (int)(denoiser.Latency.TotalSeconds * Rate);
        var before = TestSignals.Snr(clean, TestSignals.Mix(clean, noise), 0, skip: 2 * Rate);
        var after = TestSignals.Snr(clean, processed, delay, skip: 2 * Rate);
        output.WriteLine($"SNR before {before:F1} dB, after {after:F1} dB, threshold {denoiser.ThresholdDb:F1} dBFS");
        Assert.True(after > before + 6, $"SNR {before:F1} -> {after:F1} dB");
        Assert.False(denoiser.MediaDetected);
    }

    [Fact]
    public void Threshold_starts_static_then_follows_the_baseline_minus_the_offset()
    {
        var options = new FourierDenoiserOptions { StaticThreshold = -50, BaselineOffsetDb = -10, WindowSizeMs = 2000, BaselinePercentile = 50 };
        using var denoiser = new FourierDenoiser(Rate, options);
        // A steady full-band level of -20 dBFS: the baseline must settle there and the gate 10 dB below it.
        var steady = TestSignals.Mix(TestSignals.WhiteNoise(Rate * 3, -20), new double[Rate * 3]);

        TestSignals.Run(denoiser, steady.AsSpan(0, Rate / 2).ToArray(), Rate);
        Assert.Equal(-50, denoiser.ThresholdDb);

        TestSignals.Run(denoiser, steady.AsSpan(Rate / 2).ToArray(), Rate);
        Assert.InRange(denoiser.ThresholdDb, -30.5, -29.5);
    }

    [Fact]
    public void A_background_that_never_falls_quiet_is_detected_as_media_only_when_enabled()
    {
        var music = TestSignals.WhiteNoise(Rate * 4, -30, seed: 3);
        var speech = TestSignals.HarmonicBursts(Rate * 4, Rate, amplitude: 3000);
        var input = TestSignals.Mix(speech, music);
        using var on = new FourierDenoiser(Rate, new FourierDenoiserOptions { MediaDetectionEnabled = true });
        using var off = new FourierDenoiser(Rate, new FourierDenoiserOptions { MediaDetectionEnabled = false });

        TestSignals.Run(on, input, Rate);
        TestSignals.Run(off, input, Rate);

        Assert.True(on.MediaDetected);
        Assert.False(off.MediaDetected);
    }

    [Fact]
    public void Values_outside_the_documented_ranges_are_named()
    {
        var errors = new FourierDenoiserOptions { StaticThreshold = 5, BaselineOffsetDb = -40, WindowSizeMs = 500, BaselinePercentile = 100 }.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("staticThreshold"));
        Assert.Contains(errors, e => e.StartsWith("baselinePercentile"));
        Assert.Empty(new FourierDenoiserOptions().Validate());
    }
}
