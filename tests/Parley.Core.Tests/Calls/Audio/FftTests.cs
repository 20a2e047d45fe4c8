using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public sealed class FftTests
{
    [Fact]
    public void A_sine_lands_in_its_bin_and_the_inverse_restores_the_signal()
    {
        var fft = new Fft(64);
        var re = Enumerable.Range(0, 64).Select(i => Math.Cos(2 * Math.PI * 5 * i / 64)).ToArray();
        var original = (double[])re.Clone();
        var im = new double[64];

        fft.Transform(re, im, inverse: false);

        var magnitudes = re.Select((r, i) => Math.Sqrt(r * r + im[i] * im[i])).ToArray();
        Assert.Equal(32, magnitudes[5], 6);
        Assert.Equal(32, magnitudes[59], 6);
        Assert.True(magnitudes.Where((_, i) => i is not 5 and not 59).All(m => m < 1e-9));

        fft.Transform(re, im, inverse: true);
        for (var i = 0; i < 64; i++) Assert.Equal(original[i], re[i], 9);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(512)]
    public void Matches_the_discrete_fourier_transform_by_its_definition(int size)
    {
        var random = new Random(size);
        var re = Enumerable.Range(0, size).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var im = Enumerable.Range(0, size).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var expectedRe = new double[size];
        var expectedIm = new double[size];
        for (var k = 0; k < size; k++)
        {
            for (var t = 0; t < size; t++)
            {
                var angle = -2 * Math.PI * k * t / size;
                expectedRe[k] += re[t] * Math.Cos(angle) - im[t] * Math.Sin(angle);
                expectedIm[k] += re[t] * Math.Sin(angle) + im[t] * Math.Cos(angle);
            }
        }

        new Fft(size).Transform(re, im, inverse: false);

        for (var k = 0; k < size; k++)
        {
            Assert.Equal(expectedRe[k], re[k], 9);
            Assert.Equal(expectedIm[k], im[k], 9);
        }
    }

    [Fact]
    public void Sizes_that_are_not_powers_of_two_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fft(100));
    }
}

public sealed class RealPowerSpectrumTests
{
    [Theory]
    [InlineData(512, 320)]
    [InlineData(256, 256)]
    [InlineData(8, 5)]
    public void Matches_the_power_of_a_full_complex_transform(int size, int samples)
    {
        var random = new Random(size + samples);
        var signal = Enumerable.Range(0, samples).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var re = new double[size];
        var im = new double[size];
        signal.CopyTo(re, 0);
        new Fft(size).Transform(re, im, inverse: false);
        var power = new double[size / 2];

        new RealPowerSpectrum(size).Compute(signal, power);

        for (var k = 0; k < size / 2; k++)
        {
            var expected = re[k] * re[k] + im[k] * im[k];
            Assert.True(Math.Abs(power[k] - expected) <= 1e-9 * Math.Max(1, expected), $"bin {k}: {power[k]} vs {expected}");
        }
    }

    [Fact]
    public void A_band_gets_the_same_bins_as_the_full_spectrum_and_leaves_the_rest_alone()
    {
        var random = new Random(3);
        var signal = Enumerable.Range(0, 320).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var spectrum = new RealPowerSpectrum(512);
        var full = new double[256];
        spectrum.Compute(signal, full);
        var band = Enumerable.Repeat(-1.0, 256).ToArray();

        spectrum.Compute(signal, band, 8, 122);

        for (var k = 0; k < 256; k++)
            Assert.Equal(k is >= 8 and <= 122 ? full[k] : -1.0, band[k]);
    }

    [Fact]
    public async Task One_shared_instance_gives_every_thread_the_right_answer_at_once()
    {
        var spectrum = RealPowerSpectrum.Shared(512);
        Assert.Same(spectrum, RealPowerSpectrum.Shared(512));
        var signals = Enumerable.Range(0, 4).Select(seed =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 320).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        }).ToArray();
        var expected = signals.Select(signal =>
        {
            var power = new double[256];
            new RealPowerSpectrum(512).Compute(signal, power);
            return power;
        }).ToArray();

        var results = await Task.WhenAll(signals.Select((signal, i) => Task.Run(() =>
        {
            var power = new double[256];
            for (var round = 0; round < 2000; round++)
            {
                spectrum.Compute(signal, power);
                if (!power.SequenceEqual(expected[i])) return false;
            }
            return true;
        })));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void A_tone_puts_its_power_in_its_bin()
    {
        var tone = Enumerable.Range(0, 64).Select(i => Math.Sin(2 * Math.PI * 6 * i / 64)).ToArray();
        var power = new double[32];

        new RealPowerSpectrum(64).Compute(tone, power);

        Assert.Equal(32 * 32, power[6], 6);
        Assert.True(power.Where((_, k) => k != 6).All(p => p < 1e-12));
    }
}
