using Parley.Liquid.Nodes;

namespace Parley.Liquid.Parsing;

/// <summary>Builds the node tree of a template from its tokens, checking that every block is closed.</summary>
internal sealed class Parser
{
    private readonly List<Token> _tokens;
    private readonly string _source;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;

    private Parser(List<Token> tokens, string source, int maxDepth)
    {
        _tokens = tokens;
        _source = source;
        _maxDepth = maxDepth;
    }

    public static List<Node> Parse(string source, int maxDepth)
    {
        var parser = new Parser(Tokenizer.Tokenize(source), source, maxDepth);
        var nodes = parser.ParseBlock([], out var end);
        if (end is not null) throw new LiquidParseException($"unexpected tag \"{end.Name}\"");
        return nodes;
    }

    /// <summary>Parses nodes until one of the end tags (returned in <paramref name="end"/>) or the end of input.</summary>
    private List<Node> ParseBlock(string[] endTags, out Token? end)
    {
        if (++_depth > _maxDepth)
            throw new LiquidLimitExceededException($"Liquid template nests blocks deeper than the limit of {_maxDepth}");
        try
        {
            var nodes = new List<Node>();
            while (_position < _tokens.Count)
            {
                var token = _tokens[_position++];
                switch (token.Kind)
                {
                    case TokenKind.Text:
                        if (token.Content.Length > 0) nodes.Add(new TextNode(token.Content));
                        break;
                    case TokenKind.Output:
                        if (token.Content.Trim().Length == 0) throw new LiquidParseException($"output \"{{{{{token.Content}}}}}\" is empty, line:{Tokenizer.Line(_source, token.Position)}");
                        nodes.Add(new OutputNode(ExpressionParser.Filtered(token.Content)));
                        break;
                    case TokenKind.Tag:
                        if (endTags.Contains(token.Name))
                        {
                            end = token;
                            return nodes;
                        }
                        if (ParseTag(token) is { } node) nodes.Add(node);
                        break;
                }
            }
            end = null;
            if (endTags.Length > 0)
                throw new LiquidParseException($"tag {{% {endTags[^1]} %}} not found (block not closed)");
            return nodes;
        }
        finally
        {
            _depth--;
        }
    }

    private Node? ParseTag(Token token)
    {
        var args = token.Arguments;
        switch (token.Name)
        {
            case "#":
                return null;
            case "assign":
                return ParseAssign(args);
            case "echo":
                return new OutputNode(args.Trim().Length == 0 ? new LiteralExpr(null) : ExpressionParser.Filtered(args));
            case "capture":
                var captureName = args.Trim().Trim('"', '\'');
                if (captureName.Length == 0) throw new LiquidParseException("capture needs a variable name");
                return new CaptureNode(captureName, ParseBlock(["endcapture"], out _));
            case "if":
            case "unless":
                return ParseConditional(token.Name, args);
            case "case":
                return ParseCase(args);
            case "for":
                return ParseFor(args);
            case "tablerow":
                return ParseTablerow(args);
            case "break":
                return new LoopControlNode(Flow.Break);
            case "continue":
                return new LoopControlNode(Flow.Continue);
            case "comment":
                SkipTo("endcomment");
                return null;
            case "raw":
                var raw = ParseBlock(["endraw"], out _);
                return raw.Count == 0 ? null : raw[0];
            case "increment":
                return new CounterNode(args.Trim(), +1);
            case "decrement":
                return new CounterNode(args.Trim(), -1);
            case "cycle":
                return ParseCycle(args);
            case "liquid":
                return ParseLiquidTag(args);
            default:
                throw new LiquidParseException($"tag \"{token.Name}\" not found, line:{Tokenizer.Line(_source, token.Position)}");
        }
    }

    private static AssignNode ParseAssign(string args)
    {
        var equals = args.IndexOf('=');
        if (equals <= 0) throw new LiquidParseException($"invalid assign \"{args}\"");
        var name = args[..equals].Trim();
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c))) throw new LiquidParseException($"invalid assign \"{args}\"");
        return new AssignNode(name, ExpressionParser.Filtered(args[(equals + 1)..]));
    }

    private ConditionalNode ParseConditional(string tag, string args)
    {
        var branches = new List<(Expr?, bool, IReadOnlyList<Node>)>();
        var condition = ExpressionParser.Condition(args);
        var negate = tag == "unless";
        var endTag = "end" + tag;
        while (true)
        {
            var body = ParseBlock(["elsif", "else", endTag], out var end);
            branches.Add((condition, negate, body));
            if (end!.Name == endTag) break;
            if (end.Name == "else")
            {
                var elseBody = ParseBlock(["elsif", "else", endTag], out var afterElse);
                branches.Add((null, false, elseBody));
                if (afterElse!.Name != endTag)
                    throw new LiquidParseException($"unexpected {{% {afterElse.Name} %}} after {{% else %}}");
                break;
            }
            condition = ExpressionParser.Condition(end.Arguments);
            negate = false;
        }
        return new ConditionalNode(branches);
    }

    private CaseNode ParseCase(string args)
    {
        var subject = ExpressionParser.Filtered(args);
        var branches = new List<(IReadOnlyList<Expr>?, IReadOnlyList<Node>)>();
        ParseBlock(["when", "else", "endcase"], out var end);
        while (end!.Name != "endcase")
        {
            if (end.Name == "when")
            {
                var values = ParseWhenValues(end.Arguments);
                var body = ParseBlock(["when", "else", "endcase"], out var next);
                branches.Add((values, body));
                end = next;
            }
            else
            {
                var body = ParseBlock(["when", "else", "endcase"], out var next);
                branches.Add((null, body));
                end = next;
            }
        }
        return new CaseNode(subject, branches);
    }

    private static List<Expr> ParseWhenValues(string args)
    {
        var parser = ExpressionParser.For(args);
        if (parser.AtEnd) return [];
        var values = new List<Expr> { parser.ParseValue() };
        while (!parser.AtEnd)
        {
            if (parser.TryPunct(",") || parser.Peek() is { Kind: ExprTokenKind.Identifier, Text: "or" } && parser.Next().Text == "or")
                values.Add(parser.ParseValue());
            else
                throw parser.Error($"unexpected \"{parser.Peek().Text}\"");
        }
        return values;
    }

    private ForNode ParseFor(string args)
    {
        var parser = ExpressionParser.For(args);
        var variable = parser.ExpectIdentifier();
        if (parser.Next() is not { Kind: ExprTokenKind.Identifier, Text: "in" }) throw parser.Error("expected \"in\" in for");
        var collectionStart = parser.Peek();
        var collection = parser.ParseValue();
        Expr? limit = null, offset = null;
        var reversed = false;
        while (!parser.AtEnd)
        {
            if (parser.TryPunct(",")) continue;
            var word = parser.ExpectIdentifier();
            switch (word)
            {
                case "reversed": reversed = true; break;
                case "limit": parser.TryPunct(":"); if (!parser.AtEnd) limit = parser.ParseValue(); break;
                case "offset": parser.TryPunct(":"); if (!parser.AtEnd) offset = parser.ParseValue(); break;
                default: throw parser.Error($"unknown for option \"{word}\"");
            }
        }
        var body = ParseBlock(["else", "endfor"], out var end);
        IReadOnlyList<Node> elseBody = [];
        if (end!.Name == "else") elseBody = ParseBlock(["endfor"], out _);
        return new ForNode(variable, collection, limit, offset, reversed, $"{variable}-{collectionStart.Text}", body, elseBody);
    }

    private TablerowNode ParseTablerow(string args)
    {
        var parser = ExpressionParser.For(args);
        var variable = parser.ExpectIdentifier();
        if (parser.Next() is not { Kind: ExprTokenKind.Identifier, Text: "in" }) throw parser.Error("expected \"in\" in tablerow");
        var collection = parser.ParseValue();
        Expr? cols = null, limit = null, offset = null;
        while (!parser.AtEnd)
        {
            if (parser.TryPunct(",")) continue;
            var word = parser.ExpectIdentifier();
            parser.TryPunct(":");
            var value = parser.ParseValue();
            switch (word)
            {
                case "cols": cols = value; break;
                case "limit": limit = value; break;
                case "offset": offset = value; break;
                default: throw parser.Error($"unknown tablerow option \"{word}\"");
            }
        }
        return new TablerowNode(variable, collection, cols, limit, offset, ParseBlock(["endtablerow"], out _));
    }

    private static CycleNode ParseCycle(string args)
    {
        var parser = ExpressionParser.For(args);
        var values = new List<Expr>();
        string? group = null;
        var first = parser.ParseValue();
        if (parser.TryPunct(":"))
        {
            group = first is LiteralExpr { Value: string s } ? s : args[..args.IndexOf(':')].Trim();
        }
        else
        {
            values.Add(first);
            parser.TryPunct(",");
        }
        while (!parser.AtEnd)
        {
            values.Add(parser.ParseValue());
            parser.TryPunct(",");
        }
        if (values.Count == 0) throw parser.Error("cycle needs at least one value");
        return new CycleNode(group ?? string.Join("|", args.Split(',').Select(a => a.Trim())), values);
    }

    /// <summary><c>{% liquid %}</c>: one tag per line, without delimiters.</summary>
    private Node ParseLiquidTag(string args)
    {
        var source = string.Join("", args.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)
            .Select(line => line.StartsWith("echo ", StringComparison.Ordinal) || line == "echo" ? "{{" + line[4..] + "}}" : "{%" + line + "%}"));
        var inner = Parse(source, _maxDepth - _depth);
        return new BlockNode(inner);
    }

    /// <summary>Skips to the first closing tag: comments do not nest in LiquidJS.</summary>
    private void SkipTo(string close)
    {
        while (_position < _tokens.Count)
        {
            var token = _tokens[_position++];
            if (token.Kind == TokenKind.Tag && token.Name == close) return;
        }
        throw new LiquidParseException($"tag {{% {close} %}} not found (block not closed)");
    }
}

/// <summary>A sequence of nodes rendered as one (the body of a <c>liquid</c> tag).</summary>
internal sealed class BlockNode(IReadOnlyList<Node> nodes) : Node
{
    public override Flow Render(Runtime.RenderContext context) => RenderAll(nodes, context);
}
