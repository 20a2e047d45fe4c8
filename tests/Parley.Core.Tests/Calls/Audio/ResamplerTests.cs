using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public class ResamplerTests
{
    public static TheoryData<int, int> RatePairs()
    {
        int[] rates = [8000, 16000, 22050, 24000, 44100, 48000];
        var data = new TheoryData<int, int>();
        foreach (int a in rates) foreach (int b in rates) if (a != b) data.Add(a, b);
        return data;
    }

    private static short[] ResampleInChunks(Resampler resampler, short[] input, int chunk)
    {
        var output = new List<short>();
        var buffer = new short[resampler.MaxOutputLength(Math.Max(chunk, input.Length))];
        for (int pos = 0; pos < input.Length; pos += chunk)
        {
            int n = resampler.Process(input.AsSpan(pos, Math.Min(chunk, input.Length - pos)), buffer);
            output.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        int tail = resampler.Flush(buffer);
        output.AddRange(buffer.AsSpan(0, tail).ToArray());
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void A_tone_keeps_its_frequency_and_level(int inputRate, int outputRate)
    {
        var tone = SignalMath.Sine(1000, inputRate, inputRate); // one second
        var output = ResampleInChunks(new Resampler(inputRate, outputRate), tone, FrameSize.Samples(inputRate));

        Assert.Equal(outputRate, output.Length);
        var middle = output.AsSpan(outputRate / 4, outputRate / 2); // half a second away from the edges
        Assert.InRange(SignalMath.ZeroCrossings(middle), 999, 1001);
        double inLevel = AudioLevel.Dbfs(tone.AsSpan(inputRate / 4, inputRate / 2));
        Assert.InRange(AudioLevel.Dbfs(middle) - inLevel, -0.2, 0.2);
    }

    [Theory]
    [InlineData(16000, 8000, 6000)]
    [InlineData(48000, 8000, 5000)]
    [InlineData(44100, 16000, 10000)]
    [InlineData(22050, 8000, 4500)]
    [InlineData(48000, 44100, 23000)]
    public void A_tone_above_the_new_nyquist_is_attenuated_at_least_40_dB(int inputRate, int outputRate, double frequency)
    {
        var tone = SignalMath.Sine(frequency, inputRate, inputRate, 0.9);
        var output = ResampleInChunks(new Resampler(inputRate, outputRate), tone, FrameSize.Samples(inputRate));
        double outDb = AudioLevel.Dbfs(output.AsSpan(outputRate / 4, outputRate / 2));
        double inDb = AudioLevel.Dbfs(tone);
        Assert.True(inDb - outDb >= 40, $"attenuation only {inDb - outDb:F1} dB");
    }

    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(8000, 16000)]
    [InlineData(44100, 48000)]
    [InlineData(22050, 16000)]
    public void Chunked_processing_equals_one_shot_processing(int inputRate, int outputRate)
    {
        var random = new Random(7);
        var input = new short[inputRate * 2 / 3];
        for (int i = 0; i < input.Length; i++) input[i] = (short)random.Next(-20000, 20000);

        var oneShot = ResampleInChunks(new Resampler(inputRate, outputRate), input, input.Length);
        var twentyMs = ResampleInChunks(new Resampler(inputRate, outputRate), input, FrameSize.Samples(inputRate));
        var odd = ResampleInChunks(new Resampler(inputRate, outputRate), input, 97);

        Assert.Equal(oneShot, twentyMs);
        Assert.Equal(oneShot, odd);
        Assert.Equal(oneShot, Resampler.Convert(input, inputRate, outputRate));
    }

    [Fact]
    public void A_constant_signal_stays_constant()
    {
        var resampler = new Resampler(8000, 16000);
        var input = Enumerable.Repeat((short)1000, 800).ToArray();
        var output = new short[resampler.MaxOutputLength(input.Length)];
        int n = resampler.Process(input, output);
        Assert.True(n > 1400);
        for (int i = 200; i < n; i++) Assert.InRange(output[i], (short)999, (short)1001);
    }
}
