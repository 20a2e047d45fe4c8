using Parley.Core.Calls.Denoise;

namespace Parley.Core.Tests.Calls.Denoise;

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

    [Fact]
    public void Sizes_that_are_not_powers_of_two_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Fft(100));
    }
}
