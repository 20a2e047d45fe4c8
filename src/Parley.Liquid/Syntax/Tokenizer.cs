namespace Parley.Liquid.Syntax;

/// <summary>Splits a template into text, output and tag tokens and applies <c>-</c> whitespace control.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string src)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < src.Length)
        {
            int open = IndexOfOpen(src, i);
            if (open < 0) { tokens.Add(new Token(TokenKind.Text, src.Substring(i))); break; }
            if (open > i) tokens.Add(new Token(TokenKind.Text, src.Substring(i, open - i)));
            bool isTag = src[open + 1] == '%';
            string close = isTag ? "%}" : "}}";
            int end = FindClose(src, open + 2, close);
            if (end < 0) throw new LiquidParseException($"{(isTag ? "tag" : "output")} \"{Snip(src, open)}\" not closed");
            int innerStart = open + 2, innerEnd = end;
            bool trimLeft = innerStart < innerEnd && src[innerStart] == '-';
            if (trimLeft) innerStart++;
            bool trimRight = innerEnd > innerStart && src[innerEnd - 1] == '-';
            if (trimRight) innerEnd--;
            string inner = src.Substring(innerStart, innerEnd - innerStart);
            i = end + 2;
            if (!isTag)
            {
                tokens.Add(new Token(TokenKind.Output, inner) { TrimLeft = trimLeft, TrimRight = trimRight });
                continue;
            }
            var trimmed = inner.TrimStart();
            int n = 0;
            if (trimmed.Length > 0 && trimmed[0] == '#') n = 1;
            else while (n < trimmed.Length && (char.IsLetterOrDigit(trimmed[n]) || trimmed[n] == '_')) n++;
            string name = trimmed.Substring(0, n);
            string args = trimmed.Substring(n).Trim();
            tokens.Add(new Token(TokenKind.Tag, inner) { Name = name, Args = args, TrimLeft = trimLeft, TrimRight = trimRight });
            if (name == "raw")
            {
                int rawEnd = FindEndRaw(src, i, out int afterEnd, out bool endTrimLeft, out bool endTrimRight);
                if (rawEnd < 0) throw new LiquidParseException("raw \"{% raw %}\" not closed");
                tokens.Add(new Token(TokenKind.Text, src.Substring(i, rawEnd - i)));
                tokens.Add(new Token(TokenKind.Tag, "endraw") { Name = "endraw", TrimLeft = endTrimLeft, TrimRight = endTrimRight });
                i = afterEnd;
            }
        }
        ApplyTrim(tokens);
        return tokens;
    }

    static string Snip(string s, int at) => s.Substring(at, Math.Min(16, s.Length - at));

    static int IndexOfOpen(string s, int from)
    {
        while (true)
        {
            int k = s.IndexOf('{', from);
            if (k < 0 || k + 1 >= s.Length) return -1;
            if (s[k + 1] == '{' || s[k + 1] == '%') return k;
            from = k + 1;
        }
    }

    static int FindClose(string s, int from, string close)
    {
        // quoted strings may contain the closing delimiter
        int i = from;
        while (i < s.Length - 1)
        {
            char c = s[i];
            if (c == '"' || c == '\'')
            {
                int q = ClosingQuote(s, i);
                int plain = s.IndexOf(close, i, StringComparison.Ordinal);
                if (q < 0 || (plain >= 0 && plain < q && !HasCloseAfter(s, q + 1, close))) return plain;
                i = q + 1;
                continue;
            }
            if (c == close[0] && s[i + 1] == close[1]) return i;
            i++;
        }
        return -1;
    }

    public static int ClosingQuote(string s, int open)
    {
        char q = s[open];
        for (int k = open + 1; k < s.Length; k++)
        {
            if (s[k] == '\\') { k++; continue; }
            if (s[k] == q) return k;
        }
        return -1;
    }

    static bool HasCloseAfter(string s, int from, string close) => s.IndexOf(close, from, StringComparison.Ordinal) >= 0;

    static int FindEndRaw(string s, int from, out int after, out bool trimLeft, out bool trimRight)
    {
        int i = from;
        while (true)
        {
            int k = s.IndexOf("{%", i, StringComparison.Ordinal);
            if (k < 0) { after = -1; trimLeft = trimRight = false; return -1; }
            int j = k + 2;
            trimLeft = false;
            while (j < s.Length && char.IsWhiteSpace(s[j])) j++;
            if (string.CompareOrdinal(s, j, "endraw", 0, 6) == 0)
            {
                j += 6;
                while (j < s.Length && char.IsWhiteSpace(s[j])) j++;
                trimRight = j < s.Length && s[j] == '-';
                if (trimRight) j++;
                if (j + 1 < s.Length && s[j] == '%' && s[j + 1] == '}') { after = j + 2; return k; }
            }
            i = k + 2;
        }
    }

    static void ApplyTrim(List<Token> tokens)
    {
        for (int t = 0; t < tokens.Count; t++)
        {
            var tok = tokens[t];
            if (tok.Kind == TokenKind.Text) continue;
            if (tok.TrimLeft && t > 0 && tokens[t - 1].Kind == TokenKind.Text && !IsRawBody(tokens, t - 1))
                tokens[t - 1].Text = tokens[t - 1].Text.TrimEnd(WhiteSpace);
            if (tok.TrimRight && t + 1 < tokens.Count && tokens[t + 1].Kind == TokenKind.Text && !(tok.Name == "raw"))
                tokens[t + 1].Text = tokens[t + 1].Text.TrimStart(WhiteSpace);
        }
    }

    static bool IsRawBody(List<Token> tokens, int idx) => idx > 0 && tokens[idx - 1].Kind == TokenKind.Tag && tokens[idx - 1].Name == "raw";

    static readonly char[] WhiteSpace = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
}
