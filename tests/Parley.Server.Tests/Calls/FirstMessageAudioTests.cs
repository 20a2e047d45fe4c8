using Microsoft.AspNetCore.Http;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Simulation;
using Parley.Server.Calls;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Calls;

// Invariant: a first message's audio file is fetched once for the calls of the next few minutes, and a file that cannot
// be played (not WAV, a rate no filter converts) is a sentence the 400 can carry, not an exception.
public sealed class FirstMessageAudioTests
{
    private sealed class Clients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private static byte[] Wav(int rate, short[] samples)
    {
        using var file = new MemoryStream();
        var writer = new WavWriter(file, rate, 1);
        writer.Write(samples);
        writer.Complete();
        return file.ToArray();
    }

    [Fact]
    public async Task A_greeting_is_fetched_once_for_the_next_calls_and_again_after_a_while()
    {
        var wav = Wav(16000, [1, 2, 3, 4]);
        await using var files = await RecordingServer.StartAsync(_ => Results.Bytes(wav, "audio/wav"));
        var clock = new ManualClock();
        var audio = new FirstMessageAudio(new Clients(), clock);

        var first = await audio.LoadAsync(files.BaseUrl + "/hi.wav", 16000, default);
        var second = await audio.LoadAsync(files.BaseUrl + "/hi.wav", 16000, default);
        clock.MoveTo(FirstMessageAudio.Kept + TimeSpan.FromSeconds(1));
        var later = await audio.LoadAsync(files.BaseUrl + "/hi.wav", 16000, default);

        Assert.Equal([1, 2, 3, 4], first.Samples!);
        Assert.Same(first.Samples, second.Samples);
        Assert.Equal([1, 2, 3, 4], later.Samples!);
        Assert.Equal(2, files.Requests.Count);
    }

    [Fact]
    public async Task A_rate_no_filter_converts_is_said_not_thrown()
    {
        var wav = Wav(44101, new short[441]);
        await using var files = await RecordingServer.StartAsync(_ => Results.Bytes(wav, "audio/wav"));

        var (samples, error) = await new FirstMessageAudio(new Clients(), new ManualClock()).LoadAsync(files.BaseUrl + "/odd.wav", 16000, default);

        Assert.Null(samples);
        Assert.Equal($"firstMessage: the audio at {files.BaseUrl}/odd.wav is at 44101 Hz, which cannot be converted to the call's 16000 Hz; use a common rate (8, 16, 22.05, 24, 44.1 or 48 kHz)", error);
    }

    [Fact]
    public async Task A_file_whose_server_hangs_up_half_way_is_said_not_thrown()
    {
        // A server that promises 1000 bytes, sends 10 and closes: the client sees the body end early (an IOException).
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var request = new byte[4096];
            _ = await stream.ReadAsync(request);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\nContent-Length: 1000\r\n\r\nRIFF012345"u8.ToArray());
        });
        var url = $"http://127.0.0.1:{port}/cut.wav";

        var (samples, error) = await new FirstMessageAudio(new Clients(), new ManualClock()).LoadAsync(url, 16000, default);
        await serving;

        Assert.Null(samples);
        Assert.StartsWith($"firstMessage: the audio at {url} could not be fetched: ", error);
    }
}
