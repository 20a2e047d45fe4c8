using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.PocketSphinx;

/// <summary>
/// Offline STT through PocketSphinx (Debian <c>libpocketsphinx3</c> + <c>pocketsphinx-en-us</c>). The decoder's own
/// voice detector splits utterances: a final transcript is emitted each time speech stops, partials in between.
/// </summary>
public sealed class PocketSphinxSpeechToText(PocketSphinxOptions options) : ISpeechToText
{
    /// <summary>The en-us acoustic model is trained on 16 kHz audio.</summary>
    public const int SampleRate = 16000;

    public PocketSphinxSpeechToText() : this(new PocketSphinxOptions()) { }

    public SttCapabilities Capabilities { get; } = new(Partials: true, WordTimings: false, SampleRates: [SampleRate]);

    /// <summary>Null when the engine can be used; otherwise why not (naming the packages to install).</summary>
    public static string? Unavailable => PocketSphinxNative.Decoder.Error ?? PocketSphinxNative.Base.Error;

    public IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions sttOptions, CancellationToken cancellationToken) =>
        StreamingSttSession.RunAsync((events, ct) => RunAsync(audio, sttOptions, events, ct), "pocketsphinx", cancellationToken);

    private async Task RunAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions sttOptions, ChannelWriter<TranscriptEvent> events, CancellationToken ct)
    {
        if (sttOptions.SampleRate != SampleRate)
        {
            events.TryWrite(new SttFailed(ProviderFailureKind.Permanent, $"pocketsphinx: needs {SampleRate} Hz audio, got {sttOptions.SampleRate} Hz"));
            return;
        }
        if (!File.Exists(options.LanguageModel))
        {
            events.TryWrite(new SttFailed(ProviderFailureKind.Permanent, $"pocketsphinx: {options.LanguageModel} not found (apt-get install pocketsphinx-en-us)"));
            return;
        }
        var (ps, config, error) = await Task.Run(() => { lock (PocketSphinxNative.Gate) return PocketSphinxNative.Create(
        [
            "-hmm", options.AcousticModel, "-lm", options.LanguageModel, "-dict", options.Dictionary,
            "-samprate", "16000", "-logfn", "/dev/null",
        ]); }, ct).ConfigureAwait(false);
        if (error is not null)
        {
            events.TryWrite(new SttFailed(ProviderFailureKind.Permanent, error));
            return;
        }
        try
        {
            lock (PocketSphinxNative.Gate) PocketSphinxNative.StartUtterance(ps);
            var wasSpeaking = false;
            var sinceHypothesis = 0;
            var lastPartial = "";
            await foreach (var frame in audio.WithCancellation(ct).ConfigureAwait(false))
            {
                int processed;
                bool speaking;
                // Two decoders fed at once on different threads gave different (worse) transcripts than either
                // alone: the 5prealpha library keeps shared state, so native calls are serialized process-wide.
                lock (PocketSphinxNative.Gate)
                {
                    processed = PocketSphinxNative.ProcessRaw(ps, frame.Samples.Span);
                    speaking = PocketSphinxNative.InSpeech(ps);
                }
                if (processed < 0)
                {
                    events.TryWrite(new SttFailed(ProviderFailureKind.Transient, "pocketsphinx: decoding failed"));
                    return;
                }
                if (wasSpeaking && !speaking)
                {
                    EmitFinal();
                    lock (PocketSphinxNative.Gate) PocketSphinxNative.StartUtterance(ps);
                    lastPartial = "";
                }
                else if (speaking && ++sinceHypothesis >= options.PartialEveryFrames)
                {
                    sinceHypothesis = 0;
                    string partial;
                    lock (PocketSphinxNative.Gate) partial = PocketSphinxNative.Hypothesis(ps);
                    if (partial.Length > 0 && partial != lastPartial) events.TryWrite(new TranscriptPartial(lastPartial = partial, []));
                }
                wasSpeaking = speaking;
            }
            EmitFinal();
        }
        finally
        {
            lock (PocketSphinxNative.Gate) PocketSphinxNative.Free(ps, config);
        }

        void EmitFinal()
        {
            string text;
            lock (PocketSphinxNative.Gate)
            {
                PocketSphinxNative.EndUtterance(ps);
                text = PocketSphinxNative.Hypothesis(ps);
            }
            if (text.Length > 0) events.TryWrite(new TranscriptFinal(text, []));
        }
    }
}
