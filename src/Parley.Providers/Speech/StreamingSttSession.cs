using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;

namespace Parley.Providers.Speech;

/// <summary>
/// Shape shared by WebSocket STT adapters: one task sends audio, one reads messages, and both report into a
/// channel so that failures become a final <see cref="SttFailed"/> instead of an exception.
/// </summary>
internal static class StreamingSttSession
{
    public static async IAsyncEnumerable<TranscriptEvent> RunAsync(
        Func<ChannelWriter<TranscriptEvent>, CancellationToken, Task> body,
        string vendor,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var events = Channel.CreateUnbounded<TranscriptEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = Task.Run(async () =>
        {
            try { await body(events.Writer, linked.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (linked.IsCancellationRequested) { }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or System.Text.Json.JsonException)
            {
                events.Writer.TryWrite(new SttFailed(ProviderFailureKind.Transient, $"{vendor}: {e.Message}"));
            }
            finally { events.Writer.TryComplete(); }
        }, CancellationToken.None);
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                yield return e;
                if (e is SttFailed) yield break;
            }
        }
        finally
        {
            linked.Cancel();
            await run.ConfigureAwait(false);
        }
    }
}
