using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>
/// Accumulates streamed LLM text and cuts speakable chunks: at a punctuation boundary once a chunk has
/// chunkPlan.minCharacters, and at once before every flush tag (<c>&lt;flush /&gt;</c>, <c>&lt;flush&gt;</c>,
/// <c>&lt;/flush&gt;</c>, any case and spacing), which is removed from what is spoken. Text that runs on past
/// <see cref="MaxChunkCharacters"/> with no boundary is cut at a space, so the voice is not kept waiting for the whole
/// reply (and the buffer, rescanned at every delta, stays short).
/// </summary>
public sealed partial class SentenceChunker
{
    /// <summary>The longest chunk held back for want of punctuation.</summary>
    public const int MaxChunkCharacters = 500;

    private readonly StringBuilder _buffer = new();
    private readonly List<SpeechChunk> _out = [];
    private readonly int _minCharacters;
    private readonly string[] _boundaries;

    public SentenceChunker(ChunkPlan? plan = null)
    {
        plan ??= new ChunkPlan();
        _minCharacters = Math.Max(1, plan.MinCharacters);
        // Longest first so "||" wins over "|".
        _boundaries = plan.PunctuationBoundaries.Where(b => b.Length > 0).OrderByDescending(b => b.Length).ToArray();
    }

    /// <summary>The pattern from Vapi's flush documentation.</summary>
    [GeneratedRegex(@"<\s*flush\s*\/?>|<\s*\/\s*flush\s*>", RegexOptions.IgnoreCase)]
    public static partial Regex FlushTag();

    /// <summary>Adds a text delta; returns the chunks now complete.</summary>
    public SpeechChunk[] Push(string delta)
    {
        _out.Clear();
        _buffer.Append(delta);
        Drain(final: false);
        return _out.Count == 0 ? [] : _out.ToArray();
    }

    /// <summary>Ends the response: returns whatever is left as the last chunk.</summary>
    public SpeechChunk[] Complete()
    {
        _out.Clear();
        Drain(final: true);
        string rest = _buffer.ToString().Trim();
        _buffer.Clear();
        if (rest.Length > 0) _out.Add(new SpeechChunk(rest, Flushed: false));
        return _out.Count == 0 ? [] : _out.ToArray();
    }

    /// <summary>Drops buffered text (the response was interrupted).</summary>
    public void Reset() => _buffer.Clear();

    private void Drain(bool final)
    {
        while (true)
        {
            string text = _buffer.ToString();
            var flush = FlushTag().Match(text);
            int searchEnd = flush.Success ? flush.Index : HoldBackStart(text);
            int cut = final ? -1 : FindBoundary(text, searchEnd);
            if (cut > 0)
            {
                Emit(text[..cut], flushed: false);
                _buffer.Remove(0, cut);
                continue;
            }
            if (flush.Success)
            {
                Emit(text[..flush.Index], flushed: true);
                _buffer.Remove(0, flush.Index + flush.Length);
                continue;
            }
            if (!final && searchEnd > MaxChunkCharacters)
            {
                var space = text.LastIndexOf(' ', MaxChunkCharacters - 1, MaxChunkCharacters);
                var end = space > 0 ? space : MaxChunkCharacters;
                Emit(text[..end], flushed: false);
                _buffer.Remove(0, end);
                continue;
            }
            return;
        }
    }

    private void Emit(string text, bool flushed)
    {
        string trimmed = text.Trim();
        if (trimmed.Length > 0) _out.Add(new SpeechChunk(trimmed, flushed));
    }

    /// <summary>End index (exclusive) of the first boundary that closes a long-enough chunk, or -1.</summary>
    private int FindBoundary(string text, int searchEnd)
    {
        int leading = 0;
        while (leading < text.Length && char.IsWhiteSpace(text[leading])) leading++;
        for (int i = leading; i < searchEnd; i++)
        {
            foreach (var boundary in _boundaries)
            {
                if (i + boundary.Length > searchEnd || string.CompareOrdinal(text, i, boundary, 0, boundary.Length) != 0) continue;
                int end = i + boundary.Length;
                if (end - leading < _minCharacters) break;
                // Latin punctuation only ends a chunk when whitespace follows ("$42.50", "3,000" stay whole); CJK
                // and Indic marks need no space.
                bool wide = boundary[0] > 0x2FF;
                if (wide || (end < searchEnd && char.IsWhiteSpace(text[end]))) return end;
                break;
            }
        }
        return -1;
    }

    /// <summary>A trailing '&lt;' that may still become a flush tag must not be spoken or cut yet.</summary>
    internal static int HoldBackStart(string text)
    {
        int open = text.LastIndexOf('<');
        if (open < 0 || text.IndexOf('>', open) >= 0) return text.Length;
        string tail = new string(text.AsSpan(open + 1).ToArray().Where(c => !char.IsWhiteSpace(c) && c != '/').ToArray()).ToLowerInvariant();
        return "flush".StartsWith(tail, StringComparison.Ordinal) ? open : text.Length;
    }
}
