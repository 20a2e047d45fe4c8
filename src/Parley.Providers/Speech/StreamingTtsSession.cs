using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Providers.Speech;

/// <summary>
/// Runs a TTS adapter body on its own task and hands its events out as a stream, so that network faults become a
/// final <see cref="TtsFailed"/> rather than an exception in the caller's loop.
/// </summary>
internal static class StreamingTtsSession
{
    public static async IAsyncEnumerable<TtsEvent> RunAsync(
        Func<ChannelWriter<TtsEvent>, CancellationToken, Task> body,
        string vendor,
        [EnumeratorCancellation] CancellationToken ct)
    {
        // Bounded so a provider that outruns its reader waits instead of queuing without limit: 500 pieces as the
        // provider sent them (each read or message is one run of frames).
        var events = Channel.CreateBounded<TtsEvent>(new BoundedChannelOptions(500) { SingleReader = true, SingleWriter = true });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = Task.Run(async () =>
        {
            try { await body(events.Writer, linked.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (linked.IsCancellationRequested) { }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or FormatException)
            {
                events.Writer.TryWrite(new TtsFailed(ProviderFailureKind.Transient, $"{vendor}: {e.Message}"));
            }
            finally { events.Writer.TryComplete(); }
        }, CancellationToken.None);
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                yield return e;
                if (e is TtsFailed) yield break;
            }
        }
        finally
        {
            linked.Cancel();
            await run.ConfigureAwait(false);
        }
    }

    /// <summary>Writes the run of frames the splitter completed, if any, waiting when the reader is behind.</summary>
    public static async ValueTask WriteFramesAsync(ChannelWriter<TtsEvent> events, Parley.Core.Calls.Audio.AudioFrame? run, CancellationToken ct)
    {
        if (run is { } audio) await events.WriteAsync(new TtsAudio(audio), ct).ConfigureAwait(false);
    }
}
