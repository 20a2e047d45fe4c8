using System.Collections.Concurrent;
using Parley.Core.Calls.Audio;

namespace Parley.Server.Calls;

/// <summary>
/// assistant.firstMessage given as the URL of an audio file (Vapi: "text, or URL of an audio file"): fetched when the
/// call is prepared and played as the greeting, at the call's rate. WAV (PCM16) only: no MP3 decoder is available here,
/// and that is said in the 400 rather than found out by a silent call. A greeting is fetched once for the calls of the
/// next few minutes, not once per call.
/// </summary>
public sealed class FirstMessageAudio(IHttpClientFactory http, TimeProvider clock)
{
    /// <summary>The largest file fetched (about 5 minutes of 16 kHz stereo).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>How long a fetched greeting serves the calls that name it.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(5);

    private const int MaxKept = 32;
    private static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(string Url, int Rate), (DateTimeOffset Fetched, short[] Samples)> _kept = new();

    /// <summary>Whether the first message names an audio file rather than words to say.</summary>
    public static bool IsAudioUrl(string? firstMessage) =>
        firstMessage is { } text && !text.Contains(' ') && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>The file's audio as mono PCM16 at <paramref name="sampleRate"/>, or why it cannot be played.</summary>
    public async Task<(short[]? Samples, string? Error)> LoadAsync(string url, int sampleRate, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_kept.TryGetValue((url, sampleRate), out var kept) && now - kept.Fetched < Kept) return (kept.Samples, null);
        var (samples, error) = await FetchAsync(url, sampleRate, cancellationToken);
        if (samples is null) return (null, error);
        if (_kept.Count >= MaxKept)
            foreach (var old in _kept.Where(k => now - k.Value.Fetched >= Kept).Select(k => k.Key).ToList()) _kept.TryRemove(old, out _);
        if (_kept.Count < MaxKept) _kept[(url, sampleRate)] = (now, samples);
        return (samples, null);
    }

    private async Task<(short[]? Samples, string? Error)> FetchAsync(string url, int sampleRate, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(FetchLimit);
            using var response = await http.CreateClient(Conversations.ConversationServices.OutboundClient)
                .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode) return (null, $"firstMessage: the audio at {url} answered HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxBytes) return (null, TooLarge(url));
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, limit.Token)) > 0)
            {
                if (copy.Length + read > MaxBytes) return (null, TooLarge(url));
                copy.Write(buffer, 0, read);
            }
            bytes = copy.ToArray();
        }
        // IOException: the connection dropped part-way through the body (HttpIOException).
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
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
        if (wav.Channels < 1 || wav.SampleRate is < 4000 or > 192000 || wav.Samples.Length < wav.Channels)
            return (null, $"firstMessage: the audio at {url} has no usable samples ({wav.Channels} channels at {wav.SampleRate} Hz)");
        try
        {
            return (Resampler.Convert(Mono(wav), wav.SampleRate, sampleRate), null);
        }
        catch (ArgumentException)
        {
            return (null, $"firstMessage: the audio at {url} is at {wav.SampleRate} Hz, which cannot be converted to the call's {sampleRate} Hz; use a common rate (8, 16, 22.05, 24, 44.1 or 48 kHz)");
        }
    }

    private static string TooLarge(string url) => $"firstMessage: the audio at {url} is over {MaxBytes / (1024 * 1024)} MB";

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
}
