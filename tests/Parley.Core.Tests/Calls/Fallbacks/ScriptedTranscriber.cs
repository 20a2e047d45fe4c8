using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Calls.Fallbacks;

/// <summary>
/// An STT engine for fallback tests that "hears" words written into the audio: sample 0 of each 20 ms frame is a
/// word's code in <see cref="Vocabulary"/> (0 is silence; a word lasts while its code repeats). A partial follows
/// each new word, and a final with word timings the first silence after speech (or the end of the audio). Fails on cue.
/// </summary>
internal sealed class ScriptedTranscriber : ISpeechToText
{
    public const int Rate = 16000;
    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);
    private static readonly List<string> Vocabulary = [""];

    private readonly List<string> _heard = [];

    public SttCapabilities Capabilities { get; } = new(true, true, [Rate]);

    /// <summary>Fails with this message before reading any audio.</summary>
    public string? ConnectError { get; init; }

    /// <summary>Reports a failure once it has read this many frames.</summary>
    public int? FailAfterFrames { get; init; }

    /// <summary>Throws once it has read this many frames.</summary>
    public int? ThrowAfterFrames { get; init; }

    /// <summary>Reports a failure when the audio ends (after every frame was read).</summary>
    public bool FailAtEnd { get; init; }

    public string ErrorMessage { get; init; } = "transcriber broke";

    /// <summary>Every frame it was given, as the word it carried ("" for silence).</summary>
    public IReadOnlyList<string> Heard => _heard;

    public SttOptions? LastOptions { get; private set; }

    public async IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        LastOptions = options;
        if (ConnectError is not null)
        {
            yield return new SttFailed(ProviderFailureKind.Permanent, ConnectError);
            yield break;
        }
        var words = new List<TranscriptWord>();
        var previous = 0;
        var position = TimeSpan.Zero;
        await foreach (var frame in audio.WithCancellation(cancellationToken))
        {
            if (_heard.Count == FailAfterFrames)
            {
                yield return new SttFailed(ProviderFailureKind.Transient, ErrorMessage);
                yield break;
            }
            if (_heard.Count == ThrowAfterFrames) throw new IOException(ErrorMessage);
            var code = frame.Samples.Span[0];
            _heard.Add(Word(code));
            if (code == 0 && words.Count > 0)
            {
                yield return Final(words);
                words = [];
            }
            else if (code != 0 && code == previous)
            {
                words[^1] = words[^1] with { End = position + FrameLength };
            }
            else if (code != 0)
            {
                words.Add(new TranscriptWord(Word(code), position, position + FrameLength));
                yield return new TranscriptPartial(string.Join(' ', words.Select(w => w.Text)), [.. words]);
            }
            previous = code;
            position += FrameLength;
        }
        if (FailAtEnd)
        {
            yield return new SttFailed(ProviderFailureKind.Transient, ErrorMessage);
            yield break;
        }
        if (words.Count > 0) yield return Final(words);
    }

    private static TranscriptFinal Final(List<TranscriptWord> words) => new(string.Join(' ', words.Select(w => w.Text)), [.. words]);

    /// <summary>Caller audio: each word spoken for <paramref name="framesPerWord"/> frames.</summary>
    public static IEnumerable<AudioFrame> Speech(string text, int framesPerWord = 2)
    {
        foreach (var word in text.Split(' '))
        {
            var code = Code(word);
            for (var i = 0; i < framesPerWord; i++) yield return Frame(code);
        }
    }

    /// <summary>Caller audio: <paramref name="frames"/> frames of silence.</summary>
    public static IEnumerable<AudioFrame> Silence(int frames) => Enumerable.Range(0, frames).Select(_ => Frame(0));

    private static string Word(short code)
    {
        lock (Vocabulary) return Vocabulary[code];
    }

    private static short Code(string word)
    {
        lock (Vocabulary)
        {
            var i = Vocabulary.IndexOf(word);
            if (i < 0)
            {
                Vocabulary.Add(word);
                i = Vocabulary.Count - 1;
            }
            return (short)i;
        }
    }

    private static AudioFrame Frame(short code)
    {
        var samples = new short[Rate / 50];
        samples[0] = code;
        return new AudioFrame(samples, Rate, TimeSpan.Zero);
    }
}
