using Parley.Core.Calls.Composer;

namespace Parley.Core.Calls.Session;

/// <summary>
/// The speech composer as the session's chunker: the voice's chunkPlan cuts chunks (flush tags send at once) and
/// the formatPlan's steps make each one speakable. With chunking off, the reply goes to TTS as one chunk, unformatted.
/// A chunker lives for one reply; the formatter (compiled steps and replacement regexes) is built once per call and
/// shared by its replies.
/// </summary>
public sealed class ComposerTextChunker(ChunkPlan plan, VoiceFormatter? formatter) : ITextChunker
{
    private readonly SentenceChunker _chunker = new(plan);
    private readonly VoiceFormatter? _formatter = formatter;

    public ComposerTextChunker(ChunkPlan plan) : this(plan, VoiceFormatter.For(plan))
    {
    }
    private readonly System.Text.StringBuilder _unchunked = new();

    public IReadOnlyList<string> Push(string text)
    {
        if (!plan.Enabled)
        {
            _unchunked.Append(text);
            return [];
        }
        return Speakable(_chunker.Push(text));
    }

    public string? Flush()
    {
        if (!plan.Enabled)
        {
            var all = _unchunked.ToString().Trim();
            _unchunked.Clear();
            return all.Length > 0 ? all : null;
        }
        var rest = Speakable(_chunker.Complete());
        return rest.Count == 0 ? null : string.Join(' ', rest);
    }

    private List<string> Speakable(SpeechChunk[] chunks)
    {
        var result = new List<string>(chunks.Length);
        foreach (var chunk in chunks)
        {
            var text = (_formatter?.Format(chunk.Text) ?? chunk.Text).Trim();
            if (text.Length > 0) result.Add(text);
        }
        return result;
    }
}
