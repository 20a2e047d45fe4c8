using Parley.Core.Calls.Audio;
using Parley.Server.Calls;

namespace Parley.Server.Tests.Calls;

// Invariant: a recording's mono views are the stereo file's sides, or their sum clipped to 16 bits, with a header that
// says what follows; a file that is not a stereo PCM16 WAV is refused, not served as noise.
public sealed class RecordingChannelsTests
{
    private static string Wav(int channels, short[] samples)
    {
        var path = Path.GetTempFileName();
        using var file = File.Create(path);
        var writer = new WavWriter(file, 8000, channels);
        writer.Write(samples);
        writer.Complete();
        return path;
    }

    private static async Task<WavFile?> ViewAsync(string path, RecordingView view)
    {
        using var output = new MemoryStream();
        return await RecordingChannels.WriteAsync(path, view, output, CancellationToken.None) ? WavFile.Read(output.ToArray()) : null;
    }

    [Fact]
    public async Task Each_view_is_a_side_or_the_clipped_mix()
    {
        // Pairs of (customer, assistant).
        var path = Wav(2, [100, -50, 30000, 10000, -30000, -10000, 0, 7]);

        Assert.Equal([100, -50, 30000, 10000, -30000, -10000, 0, 7], (await ViewAsync(path, RecordingView.Stereo))!.Samples);
        Assert.Equal([100, 30000, -30000, 0], (await ViewAsync(path, RecordingView.Customer))!.Samples);
        Assert.Equal([-50, 10000, -10000, 7], (await ViewAsync(path, RecordingView.Assistant))!.Samples);
        var mixed = (await ViewAsync(path, RecordingView.Combined))!;
        Assert.Equal([50, short.MaxValue, short.MinValue, 7], mixed.Samples);
        Assert.Equal((1, 8000), (mixed.Channels, mixed.SampleRate));
    }

    [Fact]
    public async Task A_file_that_is_not_a_stereo_recording_is_refused()
    {
        var mono = Wav(1, [1, 2, 3]);
        Assert.Null(await ViewAsync(mono, RecordingView.Combined));
        var garbage = Path.GetTempFileName();
        await File.WriteAllTextAsync(garbage, "not a wav");
        Assert.Null(await ViewAsync(garbage, RecordingView.Stereo));
        Assert.False(RecordingChannels.IsStereoRecording(mono));
        Assert.False(RecordingChannels.IsStereoRecording(garbage));
        Assert.True(RecordingChannels.IsStereoRecording(Wav(2, [1, 2])));
    }
}
