namespace Parley.Liquid.Parsing;

/// <summary>
/// Splits a template into text, output and tag tokens. Delimiters inside quoted strings do not close a tag,
/// and <c>raw</c> blocks are kept verbatim. Whitespace control (<c>-</c>) is applied here to neighbouring text.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (position < source.Length)
        {
            var open = NextOpen(source, position);
            if (open < 0)
            {
                tokens.Add(new Token(TokenKind.Text, source[position..], false, false, position));
                break;
            }
            if (open > position) tokens.Add(new Token(TokenKind.Text, source[position..open], false, false, position));

            var isOutput = source[open + 1] == '{';
            var close = isOutput ? "}}" : "%}";
            var start = open + 2;
            var trimLeft = start < source.Length && source[start] == '-';
            if (trimLeft) start++;
            var end = FindClose(source, start, close, isOutput);
            if (end < 0)
                throw new LiquidParseException($"{(isOutput ? "output" : "tag")} \"{Excerpt(source, open)}\" not closed, line:{Line(source, open)}");
            var contentEnd = end;
            var trimRight = contentEnd > start && source[contentEnd - 1] == '-';
            if (trimRight) contentEnd--;
            var content = source[start..contentEnd];
            var token = new Token(isOutput ? TokenKind.Output : TokenKind.Tag, content, trimLeft, trimRight, open);
            tokens.Add(token);
            position = end + 2;

            if (!isOutput && token.Name == "raw")
            {
                if (trimLeft || trimRight) throw new LiquidParseException($"raw tags do not take whitespace control, line:{Line(source, open)}");
                var rawEnd = FindEndRaw(source, position, out var endTagStart, out var endTagTrimLeft, out var endTagTrimRight, out var after);
                if (rawEnd < 0) throw new LiquidParseException($"tag \"{{% raw %}}\" not closed, line:{Line(source, open)}");
                tokens.Add(new Token(TokenKind.Text, source[position..endTagStart], false, false, position) { });
                if (endTagTrimLeft || endTagTrimRight) throw new LiquidParseException($"raw tags do not take whitespace control, line:{Line(source, endTagStart)}");
                tokens.Add(new Token(TokenKind.Tag, "endraw", false, false, endTagStart));
                position = after;
            }
        }
        ApplyWhitespaceControl(tokens);
        return tokens;
    }

    private static int NextOpen(string source, int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i < source.Length - 1; i = source.IndexOf('{', i + 1))
            if (source[i + 1] is '{' or '%') return i;
        return -1;
    }

    private static int FindClose(string source, int from, string close, bool isOutput)
    {
        char quote = '\0';
        for (var i = from; i < source.Length - 1; i++)
        {
            var c = source[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }
            if (c is '"' or '\'')
            {
                // An unmatched quote must not swallow the rest of the template: only honour it when it closes.
                if (source.IndexOf(c, i + 1) is var q && q > 0 && source.IndexOf(close, i + 1, StringComparison.Ordinal) is var nextClose && (nextClose < 0 || q < nextClose))
                    quote = c;
                continue;
            }
            if (c == close[0] && source[i + 1] == close[1]) return i;
        }
        return -1;
    }

    private static int FindEndRaw(string source, int from, out int tagStart, out bool trimLeft, out bool trimRight, out int after)
    {
        var i = from;
        while ((i = source.IndexOf("{%", i, StringComparison.Ordinal)) >= 0)
        {
            var j = i + 2;
            var left = j < source.Length && source[j] == '-';
            if (left) j++;
            while (j < source.Length && char.IsWhiteSpace(source[j])) j++;
            if (string.CompareOrdinal(source, j, "endraw", 0, 6) == 0)
            {
                var close = source.IndexOf("%}", j, StringComparison.Ordinal);
                if (close < 0) break;
                tagStart = i;
                trimLeft = left;
                trimRight = source[close - 1] == '-';
                after = close + 2;
                return i;
            }
            i += 2;
        }
        tagStart = after = -1;
        trimLeft = trimRight = false;
        return -1;
    }

    private static void ApplyWhitespaceControl(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Text) continue;
            if (token.TrimLeft && i > 0 && tokens[i - 1].Kind == TokenKind.Text)
                tokens[i - 1] = tokens[i - 1] with { Content = tokens[i - 1].Content.TrimEnd() };
            if (token.TrimRight && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.Text)
                tokens[i + 1] = tokens[i + 1] with { Content = tokens[i + 1].Content.TrimStart() };
        }
    }

    private static string Excerpt(string source, int at) => source.Substring(at, Math.Min(16, source.Length - at));

    public static int Line(string source, int position) => source.AsSpan(0, Math.Min(position, source.Length)).Count('\n') + 1;
}
