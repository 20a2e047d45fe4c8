using Parley.Liquid.Nodes;
using Parley.Liquid.Runtime;

namespace Parley.Liquid.Syntax;

/// <summary>Builds the node tree from tokens; every tag's arguments are compiled here, once.</summary>
internal sealed class TemplateParser
{
    readonly List<Token> _tokens;
    int _pos;
    int _depth;
    readonly int _maxDepth;

    TemplateParser(List<Token> tokens, int maxDepth) { _tokens = tokens; _maxDepth = maxDepth; }

    public static Node[] Parse(string source, int maxDepth)
    {
        var p = new TemplateParser(Tokenizer.Tokenize(source), maxDepth);
        var (nodes, end) = p.ParseUntil();
        if (end is not null) throw new LiquidParseException($"unexpected tag \"{end.Name}\"");
        return nodes;
    }

    static readonly HashSet<string> Terminators =
        ["endif", "endunless", "endfor", "endcase", "endcapture", "endcomment", "endraw", "endtablerow", "else", "elsif", "when"];

    (Node[] Nodes, Token? End) ParseUntil(params string[] ends)
    {
        if (++_depth > _maxDepth) throw new LiquidLimitExceededException($"Liquid template exceeded nesting depth {_maxDepth:N0}");
        var nodes = new List<Node>();
        while (_pos < _tokens.Count)
        {
            var tok = _tokens[_pos++];
            switch (tok.Kind)
            {
                case TokenKind.Text:
                    if (tok.Text.Length > 0) nodes.Add(new TextNode(tok.Text));
                    break;
                case TokenKind.Output:
                    nodes.Add(ParseOutput(tok));
                    break;
                default:
                    if (Array.IndexOf(ends, tok.Name) >= 0) { _depth--; return (nodes.ToArray(), tok); }
                    if (Terminators.Contains(tok.Name)) throw new LiquidParseException($"unexpected tag \"{tok.Name}\"");
                    var node = ParseTag(tok);
                    if (node is not null) nodes.Add(node);
                    break;
            }
        }
        if (ends.Length > 0) throw new LiquidParseException($"tag {{% {ends[0]} %}} not found");
        _depth--;
        return (nodes.ToArray(), null);
    }

    static Node ParseOutput(Token tok)
    {
        var p = new ExprParser(tok.Text);
        if (p.AtEnd) throw new LiquidParseException("invalid value expression: \"\"");
        return new OutputNode(p.ParseFilteredExpression());
    }

    Node? ParseTag(Token tok)
    {
        string a = tok.Args;
        switch (tok.Name)
        {
            case "#": return null;
            case "assign":
            {
                var p = new ExprParser(a);
                var name = p.TryVariableName() ?? throw new LiquidParseException("illegal assign: " + a);
                if (!p.TryChar('=')) throw new LiquidParseException("illegal assign: " + a);
                return new AssignNode(name, p.ParseFilteredExpression());
            }
            case "capture":
            {
                var name = a.Trim().Trim('"', '\'');
                if (name.Length == 0) throw new LiquidParseException("capture needs a variable name");
                var (body, _) = ParseUntil("endcapture");
                return new CaptureNode(name, body);
            }
            case "if": case "unless": return ParseIf(tok);
            case "case": return ParseCase(tok);
            case "for": return ParseFor(tok, table: false);
            case "tablerow": return ParseFor(tok, table: true);
            case "break": return new InterruptNode(LoopInterrupt.Break);
            case "continue": return new InterruptNode(LoopInterrupt.Continue);
            case "comment": SkipComment(); return null;
            case "raw":
            {
                var (body, _) = ParseUntil("endraw");
                return new BlockNode(body);
            }
            case "echo":
            {
                var p = new ExprParser(a);
                if (p.AtEnd) return null;
                return new OutputNode(p.ParseFilteredExpression());
            }
            case "liquid": return ParseLiquidTag(a);
            case "increment": case "decrement":
            {
                var p = new ExprParser(a);
                return new CounterNode(p.TryIdentifier() ?? "", tok.Name == "increment");
            }
            case "cycle": return ParseCycle(a);
            default: throw new LiquidParseException($"tag \"{tok.Name}\" not found");
        }
    }

    void SkipComment()
    {
        int nest = 1;
        while (_pos < _tokens.Count)
        {
            var t = _tokens[_pos++];
            if (t.Kind != TokenKind.Tag) continue;
            if (t.Name == "endcomment" && --nest == 0) return;
        }
        throw new LiquidParseException("tag {% comment %} not closed");
    }

    Node ParseIf(Token tok)
    {
        bool negate = tok.Name == "unless";
        string end = negate ? "endunless" : "endif";
        var branches = new List<(Expr?, bool, Node[])>();
        Expr cond = ParseCondition(tok.Args);
        bool first = true, sawElse = false;
        while (true)
        {
            var (body, endTok) = ParseUntil("elsif", "else", end);
            branches.Add((cond, first && negate, body));
            if (endTok!.Name == end) break;
            if (sawElse) throw new LiquidParseException($"unexpected {endTok.Name} after else");
            first = false;
            if (endTok.Name == "else")
            {
                sawElse = true;
                var (elseBody, endTok2) = ParseUntil("elsif", "else", end);
                branches.Add((null, false, elseBody));
                if (endTok2!.Name != end) throw new LiquidParseException($"unexpected {endTok2.Name} after else");
                break;
            }
            cond = ParseCondition(endTok.Args);
        }
        return new IfNode(branches.ToArray());
    }

    static Expr ParseCondition(string args)
    {
        var p = new ExprParser(args);
        if (p.AtEnd) throw new LiquidParseException("invalid value expression: \"\"");
        // a condition that opens with an operator has no left operand; LiquidJS evaluates it as false
        if (args.TrimStart()[0] is '=' or '!' or '<' or '>') return new LiteralExpr(null);
        var e = p.ParseExpression();
        if (!p.AtEnd && p.Rest.TrimStart().StartsWith('|')) throw new LiquidParseException("filters are not allowed in conditions");
        return e;
    }

    Node ParseCase(Token tok)
    {
        var sp = new ExprParser(tok.Args);
        if (sp.AtEnd) throw new LiquidParseException("case needs a value");
        var subject = sp.ParseFilteredExpression();
        var (_, next) = ParseUntil("when", "else", "endcase");
        var branches = new List<(Expr[]?, Node[])>();
        while (next!.Name != "endcase")
        {
            Expr[]? vals = null;
            if (next.Name == "when")
            {
                var list = new List<Expr>();
                var p = new ExprParser(next.Args);
                while (!p.AtEnd)
                {
                    list.Add(p.ParseValue());
                    if (!p.TryChar(',') && !p.TryWord("or")) break;
                }
                vals = list.ToArray();
            }
            var (body, end) = ParseUntil("when", "else", "endcase");
            branches.Add((vals, body));
            next = end;
        }
        return new CaseNode(subject, branches.ToArray());
    }

    Node ParseFor(Token tok, bool table)
    {
        var p = new ExprParser(tok.Args);
        var variable = p.TryIdentifier() ?? throw new LiquidParseException($"illegal {tok.Name}: {tok.Args}");
        if (!p.TryWord("in")) throw new LiquidParseException($"illegal {tok.Name}: {tok.Args}");
        if (p.AtEnd) throw new LiquidParseException($"illegal {tok.Name}: {tok.Args}");
        var collection = p.ParseValue();
        Expr? limit = null, offset = null, cols = null;
        bool reversed = false;
        while (!p.AtEnd)
        {
            var word = p.TryIdentifier();
            if (word is null) break;
            if (word == "reversed") { reversed = true; continue; }
            if (p.TryChar(':'))
            {
                if (p.AtEnd) break;
                var v = p.ParseValue();
                switch (word)
                {
                    case "limit": limit = v; break;
                    case "offset": offset = v; break;
                    case "cols": cols = v; break;
                }
            }
        }
        string collectionText = tok.Args.Substring(tok.Args.IndexOf(" in ", StringComparison.Ordinal) + 4).Trim();
        int sp = collectionText.IndexOf(' ');
        string name = variable + "-" + (sp < 0 ? collectionText : collectionText.Substring(0, sp));
        if (table)
        {
            var (tbody, _) = ParseUntil("endtablerow");
            return new TableRowNode(variable, collection, limit, offset, cols, tbody);
        }
        var (body, end) = ParseUntil("else", "endfor");
        Node[]? elseBody = null;
        if (end!.Name == "else") (elseBody, _) = ParseUntil("endfor");
        return new ForNode(variable, collection, limit, offset, reversed, body, elseBody, name);
    }

    static Node ParseCycle(string a)
    {
        var p = new ExprParser(a);
        var values = new List<Expr>();
        string? group = null;
        while (!p.AtEnd)
        {
            var v = p.ParseValue();
            if (values.Count == 0 && group is null && p.TryChar(':'))
            {
                group = "group:" + Values.ToOutput(v is LiteralExpr l ? l.Value : v.GetHashCode());
                continue;
            }
            values.Add(v);
            if (!p.TryChar(',')) break;
        }
        if (values.Count == 0) throw new LiquidParseException("cycle needs values");
        return new CycleNode(group, values.ToArray());
    }

    Node ParseLiquidTag(string body)
    {
        var tokens = new List<Token>();
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            int n = 0;
            if (line[0] == '#') n = 1;
            else while (n < line.Length && (char.IsLetterOrDigit(line[n]) || line[n] == '_')) n++;
            tokens.Add(new Token(TokenKind.Tag, line) { Name = line.Substring(0, n), Args = line.Substring(n).Trim() });
        }
        var sub = new TemplateParser(tokens, _maxDepth) { _depth = _depth };
        var (nodes, end) = sub.ParseUntil();
        if (end is not null) throw new LiquidParseException($"unexpected tag \"{end.Name}\"");
        return new BlockNode(nodes);
    }
}
