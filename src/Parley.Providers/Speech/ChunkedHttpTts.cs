using System.Threading.Channels;
using Parley.Core.Calls.Tts;

namespace Parley.Providers.Speech;

/// <summary>
/// Drives request-per-chunk TTS APIs: each text chunk (the composer already cuts at sentence boundaries) becomes
/// one request, and all audio shares one timeline.
/// </summary>
internal static class ChunkedHttpTts
{
    public static async Task RunAsync(
        IAsyncEnumerable<string> text, int sampleRate, Func<string, HttpRequestMessage> request, HttpClient http,
        ChannelWriter<TtsEvent> events, string vendor, CancellationToken ct)
    {
        var splitter = new PcmFrameSplitter(sampleRate);
        await foreach (var chunk in text.WithCancellation(ct).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(chunk)) continue;
            using var message = request(chunk);
            if (!await HttpPcmStream.SendAsync(http, message, splitter, events, vendor, ct).ConfigureAwait(false)) return;
        }
        if (splitter.Flush() is { } last) await events.WriteAsync(new TtsAudio(last), ct).ConfigureAwait(false);
    }
}
