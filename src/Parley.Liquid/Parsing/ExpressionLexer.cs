using System.Globalization;

namespace Parley.Liquid.Parsing;

/// <summary>Kinds of tokens inside a tag or output.</summary>
internal enum ExprTokenKind { Identifier, Number, String, Operator, Punct, End }

/// <summary>One token of an expression.</summary>
internal readonly record struct ExprToken(ExprTokenKind Kind, string Text, double Number = 0);

/// <summary>Splits expression source (<c>a.b[0] | f: 1, "x"</c>) into tokens.</summary>
internal static class ExpressionLexer
{
    public static List<ExprToken> Lex(string source)
    {
        var tokens = new List<ExprToken>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '"' or '\'')
            {
                var text = new System.Text.StringBuilder();
                var j = i + 1;
                for (; j < source.Length && source[j] != c; j++)
                {
                    if (source[j] == '\\' && j + 1 < source.Length)
                    {
                        j++;
                        text.Append(source[j] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                    }
                    else text.Append(source[j]);
                }
                if (j >= source.Length) throw new LiquidParseException($"unclosed string in \"{source}\"");
                tokens.Add(new ExprToken(ExprTokenKind.String, text.ToString()));
                i = j + 1;
                continue;
            }
            if (char.IsDigit(c) || (c == '-' && i + 1 < source.Length && char.IsDigit(source[i + 1]) && StartsValue(tokens)))
            {
                var start = i;
                i++;
                while (i < source.Length && (char.IsDigit(source[i]) || (source[i] == '.' && i + 1 < source.Length && char.IsDigit(source[i + 1])))) i++;
                if (i < source.Length && (char.IsLetter(source[i]) || source[i] == '_'))
                {
                    // "1abc" is an identifier in LiquidJS (e.g. a key), not a number.
                    while (i < source.Length && IsIdentifierChar(source[i])) i++;
                    tokens.Add(new ExprToken(ExprTokenKind.Identifier, source[start..i]));
                    continue;
                }
                var text = source[start..i];
                tokens.Add(new ExprToken(ExprTokenKind.Number, text, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
                continue;
            }
            if (char.IsLetter(c) || c == '_' || c == '$' || c >= 0x80)
            {
                var start = i;
                while (i < source.Length && (IsIdentifierChar(source[i]) || source[i] == '$')) i++;
                // A trailing '?' belongs to the name (Ruby-style predicates such as empty?).
                if (i < source.Length && source[i] == '?') i++;
                tokens.Add(new ExprToken(ExprTokenKind.Identifier, source[start..i]));
                continue;
            }
            if (i + 1 < source.Length)
            {
                var two = source.Substring(i, 2);
                if (two is "==" or "!=" or "<>" or "<=" or ">=")
                {
                    tokens.Add(new ExprToken(ExprTokenKind.Operator, two));
                    i += 2;
                    continue;
                }
                if (two == "..")
                {
                    tokens.Add(new ExprToken(ExprTokenKind.Punct, ".."));
                    i += 2;
                    continue;
                }
            }
            if (c is '<' or '>')
            {
                tokens.Add(new ExprToken(ExprTokenKind.Operator, c.ToString()));
                i++;
                continue;
            }
            if (c is '.' or '[' or ']' or '(' or ')' or '|' or ':' or ',' or '=')
            {
                tokens.Add(new ExprToken(ExprTokenKind.Punct, c.ToString()));
                i++;
                continue;
            }
            throw new LiquidParseException($"unexpected character '{c}' in \"{source}\"");
        }
        tokens.Add(new ExprToken(ExprTokenKind.End, ""));
        return tokens;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' || c >= 0x80;

    /// <summary>A '-' starts a negative number only where a value may begin, not after a value (a-1 is a name).</summary>
    private static bool StartsValue(List<ExprToken> tokens) =>
        tokens.Count == 0 || tokens[^1].Kind is ExprTokenKind.Operator || tokens[^1] is { Kind: ExprTokenKind.Punct, Text: not ("]" or ")") } ||
        tokens[^1] is { Kind: ExprTokenKind.Identifier, Text: "and" or "or" or "contains" or "in" };
}
