using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;

namespace Parley.Bench.Calls;

/// <summary>
/// A fake STT that listens to the audio it gets: a simple energy gate marks the caller's speech, one word comes as a
/// partial once 200 ms of voice were heard, and the final transcript comes when the first quiet frame arrives — each
/// a set latency later. It does not read the client's script, so a frame lost or late on the way shows up.
/// </summary>
public sealed class GatedStt(TimeSpan latency, TimeProvider clock) : ISpeechToText
{
    /// <summary>Bench speech sits near -20 dBFS and its pauses near -67 dBFS; -45 splits them with room either side (the bare agent gates on it too).</summary>
    public const double GateDbfs = -45;
    private static readonly TimeSpan PartialAfter = TimeSpan.FromMilliseconds(200);

    public SttCapabilities Capabilities { get; } = new(true, false, [16000]);

    public async IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var results = Channel.CreateUnbounded<TranscriptEvent>();
        _ = ListenAsync(audio, results.Writer, cancellationToken);
        await foreach (var e in results.Reader.ReadAllAsync(cancellationToken)) yield return e;
    }

    private async Task ListenAsync(IAsyncEnumerable<AudioFrame> audio, ChannelWriter<TranscriptEvent> results, CancellationToken cancellationToken)
    {
        var speaking = false;
        var voiced = TimeSpan.Zero;
        var partialSent = false;
        try
        {
            await foreach (var frame in audio.WithCancellation(cancellationToken))
            {
                if (AudioLevel.Dbfs(frame.Samples.Span) > GateDbfs)
                {
                    if (!speaking) (speaking, voiced, partialSent) = (true, TimeSpan.Zero, false);
                    voiced += frame.Duration;
                    if (partialSent || voiced < PartialAfter) continue;
                    partialSent = true;
                    _ = DeliverLaterAsync(new TranscriptPartial("hello", []), results, cancellationToken);
                }
                else if (speaking)
                {
                    speaking = false;
                    // No punctuation on purpose: with a zero endpointing policy the ending does not matter.
                    _ = DeliverLaterAsync(new TranscriptFinal("hello there I have a question", []), results, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        results.TryComplete();
    }

    private async Task DeliverLaterAsync(TranscriptEvent e, ChannelWriter<TranscriptEvent> results, CancellationToken cancellationToken)
    {
        try
        {
            await ProviderDelays.WaitAsync(latency, clock, cancellationToken);
            results.TryWrite(e);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
