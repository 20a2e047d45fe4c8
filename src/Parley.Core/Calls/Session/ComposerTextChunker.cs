using Parley.Core.Calls.Composer;

namespace Parley.Core.Calls.Session;

/// <summary>
/// The speech composer as the session's chunker: the voice's chunkPlan cuts chunks (flush tags send at once) and
/// the formatPlan's steps make each one speakable. With chunking off the text goes to the voice as it comes, a few dozen
/// characters of whole words at a time, unformatted (Vapi: "rely on the voice provider's audio generation logic"), flush tags removed.
/// A chunker lives for one reply; the formatter (compiled steps and replacement regexes) is built once per call and
/// shared by its replies.
/// </summary>
public sealed class ComposerTextChunker(ChunkPlan plan, VoiceFormatter? formatter) : ITextChunker
{
    private readonly SentenceChunker _chunker = new(plan);
    private readonly VoiceFormatter? _formatter = formatter;
    private readonly System.Text.StringBuilder _unchunked = new();

    /// <summary>With chunking off, how much text gathers before it goes on (at a space).</summary>
    private const int PassThroughMinimum = 40;

    /// <summary>With chunking off, the longest run with no space that is held back before it goes on.</summary>
    private const int PassThroughPiece = 60;

    public ComposerTextChunker(ChunkPlan plan) : this(plan, VoiceFormatter.For(plan))
    {
    }

    public IReadOnlyList<string> Push(string text)
    {
        if (plan.Enabled) return Speakable(_chunker.Push(text));
        _unchunked.Append(text);
        // Only an unfinished word (or a '<' that may become a flush tag) stays behind, so this string is short.
        var buffered = _unchunked.ToString();
        var hold = SentenceChunker.HoldBackStart(buffered);
        // Up to the last space, short of the '<': whole words, never half a tag, a few dozen characters at a time (a voice
        // that takes a request per piece would otherwise make one per word).
        var ready = hold >= PassThroughMinimum ? buffered.LastIndexOf(' ', hold - 1) : -1;
        // Text with no spaces (Chinese, Japanese) goes on in pieces too.
        if (ready <= 0 && hold > PassThroughPiece) ready = hold;
        if (ready <= 0) return [];
        _unchunked.Remove(0, ready);
        return Passed(buffered[..ready]);
    }

    public string? Flush()
    {
        if (plan.Enabled)
        {
            var rest = Speakable(_chunker.Complete());
            return rest.Count == 0 ? null : string.Join(' ', rest);
        }
        var all = _unchunked.ToString();
        _unchunked.Clear();
        return Passed(all) is [var last] ? last : null;
    }

    private static List<string> Passed(string text)
    {
        var spoken = string.Join(' ', SentenceChunker.FlushTag().Replace(text, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return spoken.Length > 0 ? [spoken] : [];
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
