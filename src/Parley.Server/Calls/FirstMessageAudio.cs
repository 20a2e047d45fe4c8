using Parley.Core.Calls.Audio;

namespace Parley.Server.Calls;

/// <summary>
/// assistant.firstMessage given as the URL of an audio file (Vapi: "text, or URL of an audio file"): fetched when the
/// call is prepared and played as the greeting, at the call's rate. WAV (PCM16) only: no MP3 decoder is available here,
/// and that is said in the 400 rather than found out by a silent call.
/// </summary>
public sealed class FirstMessageAudio(IHttpClientFactory http)
{
    /// <summary>The largest file fetched (about 5 minutes of 16 kHz stereo).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    private static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(10);

    /// <summary>Whether the first message names an audio file rather than words to say.</summary>
    public static bool IsAudioUrl(string? firstMessage) =>
        firstMessage is { } text && !text.Contains(' ') && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>The file's audio as mono PCM16 at <paramref name="sampleRate"/>, or why it cannot be played.</summary>
    public async Task<(short[]? Samples, string? Error)> LoadAsync(string url, int sampleRate, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(FetchLimit);
            using var response = await http.CreateClient(Conversations.ConversationServices.OutboundClient)
                .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode) return (null, $"firstMessage: the audio at {url} answered HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxBytes) return (null, $"firstMessage: the audio at {url} is over {MaxBytes / (1024 * 1024)} MB");
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, limit.Token)) > 0)
            {
                if (copy.Length + read > MaxBytes) return (null, $"firstMessage: the audio at {url} is over {MaxBytes / (1024 * 1024)} MB");
                copy.Write(buffer, 0, read);
            }
            bytes = copy.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"firstMessage: the audio at {url} could not be fetched: {e.Message}");
        }

        WavFile wav;
        try
        {
            wav = WavFile.Read(bytes);
        }
        catch (InvalidDataException e)
        {
            return (null, $"firstMessage: the audio at {url} is not a PCM16 WAV file ({e.Message}); this server plays WAV only (no MP3 decoder)");
        }
        if (wav.Channels < 1 || wav.SampleRate < 4000) return (null, $"firstMessage: the audio at {url} has no usable samples");
        return (Resample(Mono(wav), wav.SampleRate, sampleRate), null);
    }

    private static short[] Mono(WavFile wav)
    {
        if (wav.Channels == 1) return wav.Samples;
        var mono = new short[wav.Samples.Length / wav.Channels];
        for (var i = 0; i < mono.Length; i++)
        {
            var sum = 0;
            for (var c = 0; c < wav.Channels; c++) sum += wav.Samples[i * wav.Channels + c];
            mono[i] = (short)(sum / wav.Channels);
        }
        return mono;
    }

    private static short[] Resample(short[] samples, int from, int to)
    {
        if (from == to) return samples;
        var resampler = new Resampler(from, to);
        var output = new short[resampler.MaxOutputLength(samples.Length) + resampler.MaxOutputLength(resampler.LatencyInputSamples * 2) + 16];
        var written = resampler.Process(samples, output);
        written += resampler.Flush(output.AsSpan(written));
        return output[..written];
    }
}
