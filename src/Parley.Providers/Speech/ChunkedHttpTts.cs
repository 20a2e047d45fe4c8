using System.Threading.Channels;
using Parley.Core.Calls.Tts;

namespace Parley.Providers.Speech;

/// <summary>
/// Drives request-per-chunk TTS APIs: each text chunk (the composer already cuts at sentence boundaries) becomes
/// one request, with whatever chunks arrived while the last one was voiced, and all audio shares one timeline.
/// </summary>
internal static class ChunkedHttpTts
{
    public static async Task RunAsync(
        IAsyncEnumerable<string> text, int sampleRate, Func<string, HttpRequestMessage> request, HttpClient http,
        ChannelWriter<TtsEvent> events, string vendor, CancellationToken ct)
    {
        var splitter = new PcmFrameSplitter(sampleRate);
        await using var chunks = text.GetAsyncEnumerator(ct);
        var next = chunks.MoveNextAsync();
        while (await next.ConfigureAwait(false))
        {
            // What else has come in meanwhile goes in the same request: text streamed word by word (chunkPlan off)
            // would otherwise be a request, and a separately voiced piece, per word.
            var batch = new System.Text.StringBuilder(chunks.Current);
            bool more;
            while (true)
            {
                next = chunks.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    more = true;
                    break;
                }
                if (!next.Result)
                {
                    more = false;
                    break;
                }
                batch.Append(' ').Append(chunks.Current);
            }
            var said = batch.ToString();
            if (!string.IsNullOrWhiteSpace(said))
            {
                using var message = request(said);
                if (!await HttpPcmStream.SendAsync(http, message, splitter, events, vendor, ct).ConfigureAwait(false)) return;
            }
            if (!more) break;
        }
        if (splitter.Flush() is { } last) await events.WriteAsync(new TtsAudio(last), ct).ConfigureAwait(false);
    }
}
