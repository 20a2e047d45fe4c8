using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Tts;

namespace Parley.Core.Calls.Simulation;

/// <summary>
/// A TTS engine that answers each text chunk after the script's ttfb with silent 20 ms frames, as many as the
/// chunk's characters times the script's per-character length (rounded up to whole frames).
/// </summary>
public sealed class FakeTts(CallScript script, TimeProvider clock) : ITextToSpeech
{
    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);
    private readonly List<string> _chunks = [];

    public TtsCapabilities Capabilities { get; } = new(true, [16000]);

    /// <summary>Every chunk of text this voice was asked to speak, in order.</summary>
    public IReadOnlyList<string> Chunks => _chunks;

    /// <summary>Synthesis streams begun and not yet ended (a provider's open connection, say).</summary>
    public int OpenStreams { get; private set; }

    public async IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var silence = new short[options.SampleRate / 50];
        OpenStreams++;
        try
        {
            await foreach (var chunk in text.WithCancellation(cancellationToken))
            {
                _chunks.Add(chunk);
                await Task.Delay(script.Tts.Ttfb, clock, cancellationToken);
                var frames = (int)Math.Ceiling(chunk.Length * script.Tts.PerCharacter.Ticks / (double)FrameLength.Ticks);
                for (var i = 0; i < frames; i++)
                    yield return new TtsAudio(new AudioFrame(silence, options.SampleRate, TimeSpan.Zero));
            }
        }
        finally
        {
            OpenStreams--;
        }
    }
}
