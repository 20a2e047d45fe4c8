using System.Net;
using System.Threading.Channels;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Providers.Speech;

/// <summary>Sends one HTTP synthesis request and streams its raw s16le body out as frames.</summary>
internal static class HttpPcmStream
{
    /// <summary>Returns false after writing a <see cref="TtsFailed"/>.</summary>
    public static async Task<bool> SendAsync(HttpClient http, HttpRequestMessage request, PcmFrameSplitter splitter, ChannelWriter<TtsEvent> events, string vendor, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (body.Length > 300) body = body[..300];
            events.TryWrite(new TtsFailed(Classify(response.StatusCode), $"{vendor}: HTTP {(int)response.StatusCode} {body}"));
            return false;
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            await StreamingTtsSession.WriteFramesAsync(events, splitter.Push(buffer.AsSpan(0, read)), ct).ConfigureAwait(false);
        return true;
    }

    public static ProviderFailureKind Classify(HttpStatusCode status) => SpeechSocket.ClassifyStatus(status);
}
