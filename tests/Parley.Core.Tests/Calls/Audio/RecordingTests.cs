using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public class RecordingTests
{
    [Fact]
    public void Interleaving_puts_the_customer_left_and_pads_the_shorter_track()
    {
        var stereo = new short[8];
        int n = StereoInterleaver.Interleave([1, 2, 3, 4], [10, 20], stereo);
        Assert.Equal(8, n);
        Assert.Equal(new short[] { 1, 10, 2, 20, 3, 0, 4, 0 }, stereo);
    }

    [Fact]
    public void A_written_wav_reads_back_with_its_format_and_samples()
    {
        using var stream = new MemoryStream();
        var writer = new WavWriter(stream, 16000, 2);
        short[] samples = [1, -1, 300, -300, short.MaxValue, short.MinValue];
        writer.Write(samples.AsSpan(0, 2));
        writer.Write(samples.AsSpan(2));
        writer.Complete();

        var bytes = stream.ToArray();
        Assert.Equal(44 + 12, bytes.Length);
        Assert.Equal(36 + 12, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(12, BitConverter.ToInt32(bytes, 40));
        Assert.Equal(64000, BitConverter.ToInt32(bytes, 28)); // byte rate
        var wav = WavFile.Read(bytes);
        Assert.Equal(16000, wav.SampleRate);
        Assert.Equal(2, wav.Channels);
        Assert.Equal(samples, wav.Samples);
    }

    [Fact]
    public void Levels_follow_the_dbfs_convention()
    {
        var square = Enumerable.Range(0, 160).Select(i => i % 2 == 0 ? short.MaxValue : (short)-short.MaxValue).ToArray();
        Assert.InRange(AudioLevel.Dbfs(square), -0.01, 0.0);
        Assert.InRange(AudioLevel.Dbfs(SignalMath.Sine(1000, 8000, 8000, 1.0)), -3.02, -3.0);
        Assert.InRange(AudioLevel.Dbfs(SignalMath.Sine(1000, 8000, 8000, 0.1)), -23.03, -23.0);
        Assert.Equal(AudioLevel.SilenceDbfs, AudioLevel.Dbfs(new short[160]));
    }
}
