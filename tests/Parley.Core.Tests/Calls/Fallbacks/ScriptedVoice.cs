using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Calls.Fallbacks;

/// <summary>
/// A TTS engine for fallback tests. Every frame says who made it and what it is: sample 0 is the voice's tag,
/// sample 1 the frame's number within its chunk, and the rest the chunk's characters, so a test can read back
/// exactly which text was heard from which voice. Fails on cue.
/// </summary>
internal sealed class ScriptedVoice(short tag, bool streamingInput = false, int framesPerChunk = 3) : ITextToSpeech
{
    private readonly List<string> _received = [];
    private readonly List<TtsOptions> _options = [];

    public TtsCapabilities Capabilities { get; } = new(streamingInput, [16000]);

    /// <summary>Fails with this message before any audio, as a refused connection does.</summary>
    public string? ConnectError { get; init; }

    /// <summary>Reports a failure after this many frames of one reply.</summary>
    public int? FailAfterFrames { get; init; }

    /// <summary>Throws after this many frames of one reply instead of reporting a failure.</summary>
    public int? ThrowAfterFrames { get; init; }

    /// <summary>Reads the whole reply before speaking, as a streaming-input engine that buffers may.</summary>
    public bool ReadsAhead { get; init; }

    public string ErrorMessage { get; init; } = "voice broke";

    public IReadOnlyList<string> Received => _received;
    public IReadOnlyList<TtsOptions> Options => _options;
    public int Calls => _options.Count;

    public async IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _options.Add(options);
        if (ConnectError is not null)
        {
            yield return new TtsFailed(ProviderFailureKind.Permanent, ConnectError);
            yield break;
        }
        var frames = 0;
        IAsyncEnumerable<string> source = text;
        if (ReadsAhead)
        {
            var all = new List<string>();
            await foreach (var chunk in text.WithCancellation(cancellationToken)) all.Add(chunk);
            source = all.ToAsyncEnumerable();
        }
        await foreach (var chunk in source.WithCancellation(cancellationToken))
        {
            _received.Add(chunk);
            for (var part = 0; part < framesPerChunk; part++)
            {
                if (frames == FailAfterFrames)
                {
                    yield return new TtsFailed(ProviderFailureKind.Transient, ErrorMessage);
                    yield break;
                }
                if (frames == ThrowAfterFrames) throw new IOException(ErrorMessage);
                frames++;
                yield return new TtsAudio(Frame(tag, part, chunk, options.SampleRate));
            }
        }
    }

    private static AudioFrame Frame(short tag, int part, string chunk, int rate)
    {
        var samples = new short[rate / 50];
        samples[0] = tag;
        samples[1] = (short)part;
        for (var i = 0; i < chunk.Length; i++) samples[2 + i] = (short)chunk[i];
        return new AudioFrame(samples, rate, TimeSpan.Zero);
    }

    /// <summary>What a frame made by any <see cref="ScriptedVoice"/> says, as "tag:text#part".</summary>
    public static string Describe(AudioFrame frame)
    {
        var s = frame.Samples.Span;
        var text = new string([.. s[2..].ToArray().TakeWhile(c => c != 0).Select(c => (char)c)]);
        return $"{s[0]}:{text}#{s[1]}";
    }
}
