namespace Parley.Liquid.Parsing;

/// <summary>Kinds of top-level template tokens.</summary>
internal enum TokenKind { Text, Output, Tag }

/// <summary>
/// One piece of a template: literal text, an output <c>{{ }}</c> or a tag <c>{% %}</c>, with its inner source and
/// whether it trims whitespace on its left or right (<c>{{-</c>, <c>-%}</c>).
/// </summary>
internal sealed record Token(TokenKind Kind, string Content, bool TrimLeft, bool TrimRight, int Position)
{
    /// <summary>For tags: the tag name (first word).</summary>
    public string Name => Kind == TokenKind.Tag ? SplitTag().Name : "";

    /// <summary>For tags: everything after the name.</summary>
    public string Arguments => Kind == TokenKind.Tag ? SplitTag().Arguments : Content;

    private (string Name, string Arguments) SplitTag()
    {
        var text = Content.TrimStart();
        if (text.StartsWith('#')) return ("#", text[1..]);
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        return (text[..end], text[end..].Trim());
    }
}
