namespace Parley.Liquid.Syntax;

internal enum TokenKind { Text, Output, Tag }

/// <summary>One lexical piece of a template: literal text, an output <c>{{ }}</c> or a tag <c>{% %}</c>.</summary>
internal sealed class Token(TokenKind kind, string text)
{
    public TokenKind Kind { get; } = kind;
    public string Text { get; set; } = text;
    public string Name { get; init; } = "";
    public string Args { get; init; } = "";
    public bool TrimLeft { get; init; }
    public bool TrimRight { get; init; }
}
