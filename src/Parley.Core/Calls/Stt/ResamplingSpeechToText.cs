using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Stt;

/// <summary>
/// Feeds an STT engine at a rate it supports: caller audio at the call's rate is resampled when the engine does not
/// list that rate (PocketSphinx takes only 16 kHz), and the engine is told the rate it actually gets.
/// </summary>
public sealed class ResamplingSpeechToText(ISpeechToText inner) : ISpeechToText
{
    /// <summary>
    /// Buffers the resampled frames take turns in. The engine pulls frames one at a time and uses or copies each before
    /// asking for the next (ISpeechToText), so a frame's buffer is free again two frames later; four leave a margin.
    /// </summary>
    public const int OutputBuffers = 4;

    public SttCapabilities Capabilities => inner.Capabilities;

    /// <summary>The rate the engine will be fed for caller audio at <paramref name="callRate"/>.</summary>
    public int EngineRate(int callRate)
    {
        var rates = inner.Capabilities.SampleRates;
        if (rates.Count == 0 || rates.Contains(callRate)) return callRate;
        // The lowest supported rate at or above the call's keeps all its detail; otherwise the highest there is.
        return rates.Where(r => r >= callRate).DefaultIfEmpty(rates.Max()).Min();
    }

    public IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options, CancellationToken cancellationToken)
    {
        var rate = EngineRate(options.SampleRate);
        return rate == options.SampleRate
            ? inner.TranscribeAsync(audio, options, cancellationToken)
            : inner.TranscribeAsync(Resample(audio, options.SampleRate, rate, cancellationToken), options with { SampleRate = rate }, cancellationToken);
    }

    private static async IAsyncEnumerable<AudioFrame> Resample(IAsyncEnumerable<AudioFrame> audio, int from, int to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resampler = new Resampler(from, to);
        // Nothing is allocated per frame once the ring is warm.
        var buffers = new FrameRing(OutputBuffers);
        await foreach (var frame in audio.WithCancellation(cancellationToken))
        {
            if (frame.SampleRate != from) continue;
            var output = buffers.Take(resampler.MaxOutputLength(frame.Samples.Length));
            var written = resampler.Process(frame.Samples.Span, output.Span);
            if (written > 0) yield return new AudioFrame(output[..written], to, frame.Timestamp);
        }
    }
}
