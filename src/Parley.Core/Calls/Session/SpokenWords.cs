namespace Parley.Core.Calls.Session;

/// <summary>Word-level helpers: counting caller words, matching phrases, and cutting a reply to the words played.</summary>
public static class SpokenWords
{
    public static int Count(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Lower case, punctuation removed (apostrophes and hyphens dropped too: "don't" matches "dont").</summary>
    public static string Normalize(string text)
    {
        var chars = text.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c)).ToArray();
        return string.Join(' ', new string(chars).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>True when any phrase appears as whole words in the text.</summary>
    public static bool ContainsPhrase(string text, IReadOnlyList<string> phrases)
    {
        var padded = " " + Normalize(text) + " ";
        foreach (var phrase in phrases)
        {
            var p = Normalize(phrase);
            if (p.Length > 0 && padded.Contains(" " + p + " ", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>True when the whole text is made of acknowledgement phrases ("okay", "uh-huh", "yeah sure").</summary>
    public static bool OnlyPhrases(string text, IReadOnlyList<string> phrases)
    {
        var rest = Normalize(text);
        if (rest.Length == 0 || phrases.Count == 0) return false;
        var normalized = phrases.Select(Normalize).Where(p => p.Length > 0).OrderByDescending(p => p.Length).ToList();
        while (rest.Length > 0)
        {
            var match = normalized.FirstOrDefault(p => rest == p || rest.StartsWith(p + " ", StringComparison.Ordinal));
            if (match is null) return false;
            rest = rest[match.Length..].TrimStart();
        }
        return true;
    }

    /// <summary>
    /// The words of <paramref name="text"/> heard when <paramref name="played"/> of <paramref name="total"/> audio went
    /// out, estimated in proportion to characters (TTS gives no word timings here); a word cut in half is dropped.
    /// </summary>
    public static string PlayedPrefix(string text, TimeSpan played, TimeSpan total)
    {
        if (total <= TimeSpan.Zero || played >= total) return text;
        var chars = (int)((long)text.Length * played.Ticks / total.Ticks);
        if (chars >= text.Length) return text;
        if (chars > 0 && !char.IsWhiteSpace(text[chars]) && !char.IsWhiteSpace(text[chars - 1]))
        {
            var lastSpace = text.LastIndexOf(' ', chars - 1);
            chars = lastSpace < 0 ? 0 : lastSpace;
        }
        return text[..chars].TrimEnd();
    }
}
