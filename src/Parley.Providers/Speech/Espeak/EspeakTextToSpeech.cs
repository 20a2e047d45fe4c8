using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.Espeak;

/// <summary>
/// Offline TTS through the eSpeak NG library (Debian <c>libespeak-ng1</c>). Audio comes at the engine's native
/// 22050 Hz and the frames say so; converting to the call's rate is the pipeline's job. A <c>noiseSeed</c> fixes
/// the engine's only random input; the waveform also depends on what the process synthesized before.
/// </summary>
public sealed class EspeakTextToSpeech(uint? noiseSeed = null) : ITextToSpeech
{
    /// <summary>eSpeak NG's default words per minute, the base that <c>voice.speed</c> multiplies.</summary>
    private const int DefaultWordsPerMinute = 175;

    public TtsCapabilities Capabilities { get; } = new(StreamingInput: false, SampleRates: [22050]);

    /// <summary>Null when the engine can be used; otherwise why not (naming the package to install).</summary>
    public static string? Unavailable => EspeakNative.EnsureInitialized().Error;

    public IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options, CancellationToken cancellationToken) =>
        StreamingTtsSession.RunAsync((events, ct) => RunAsync(text, options, events, ct), "espeak", cancellationToken);

    private async Task RunAsync(IAsyncEnumerable<string> text, TtsOptions options, ChannelWriter<TtsEvent> events, CancellationToken ct)
    {
        PcmFrameSplitter? splitter = null;
        await foreach (var chunk in text.WithCancellation(ct).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(chunk)) continue;
            var runs = new List<AudioFrame>();
            string? error = null;
            await EspeakNative.Gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                // Synthesis blocks for the length of the sentence, so it runs off the caller's thread.
                error = await Task.Run(() =>
                {
                    var (rate, initError) = EspeakNative.EnsureInitialized();
                    if (initError is not null) return initError;
                    splitter ??= new PcmFrameSplitter(rate);
                    var voice = options.VoiceId ?? options.Language ?? "en-us";
                    if (!EspeakNative.SetVoice(voice)) return $"espeak: unknown voice '{voice}'";
                    EspeakNative.SetParameter(EspeakNative.ParameterRate, (int)(DefaultWordsPerMinute * (options.Speed ?? 1)));
                    if (noiseSeed is { } seed) EspeakNative.SeedNoise(seed);
                    var ok = EspeakNative.Synthesize(chunk, samples =>
                    {
                        if (splitter.Push(samples) is { } run) runs.Add(run);
                        return !ct.IsCancellationRequested;
                    });
                    return ok || ct.IsCancellationRequested ? null : "espeak: synthesis failed";
                }, ct).ConfigureAwait(false);
            }
            finally { EspeakNative.Gate.Release(); }
            if (error is not null)
            {
                events.TryWrite(new TtsFailed(ProviderFailureKind.Permanent, error));
                return;
            }
            foreach (var run in runs) await StreamingTtsSession.WriteFramesAsync(events, run, ct).ConfigureAwait(false);
        }
        await StreamingTtsSession.WriteFramesAsync(events, splitter?.Flush(), ct).ConfigureAwait(false);
    }
}
