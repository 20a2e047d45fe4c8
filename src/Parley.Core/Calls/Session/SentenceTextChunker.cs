using System.Text;

namespace Parley.Core.Calls.Session;

/// <summary>The default chunker: one chunk per sentence (ends at . ! ? followed by whitespace), trimmed.</summary>
public sealed class SentenceTextChunker : ITextChunker
{
    private readonly StringBuilder _pending = new();

    public IReadOnlyList<string> Push(string text)
    {
        _pending.Append(text);
        List<string>? chunks = null;
        var start = 0;
        for (var i = 0; i + 1 < _pending.Length; i++)
        {
            if (_pending[i] is '.' or '!' or '?' && char.IsWhiteSpace(_pending[i + 1]))
            {
                var chunk = _pending.ToString(start, i + 1 - start).Trim();
                if (chunk.Length > 0) (chunks ??= []).Add(chunk);
                start = i + 1;
            }
        }
        if (start > 0) _pending.Remove(0, start);
        return chunks ?? (IReadOnlyList<string>)[];
    }

    public string? Flush()
    {
        var rest = _pending.ToString().Trim();
        _pending.Clear();
        return rest.Length > 0 ? rest : null;
    }
}
