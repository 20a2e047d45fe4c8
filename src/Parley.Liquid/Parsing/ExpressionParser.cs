using Parley.Liquid.Nodes;
using Parley.Liquid.Runtime;

namespace Parley.Liquid.Parsing;

/// <summary>Parses the expressions inside tags and outputs: values, paths, ranges, filter chains, conditions.</summary>
internal sealed class ExpressionParser
{
    private readonly List<ExprToken> _tokens;
    private readonly string _source;
    private int _position;

    private ExpressionParser(string source)
    {
        _source = source;
        _tokens = ExpressionLexer.Lex(source);
    }

    /// <summary>A value with filters; like LiquidJS, anything after a complete expression is ignored.</summary>
    public static Expr Filtered(string source) => new ExpressionParser(source).ParseFiltered();

    /// <summary>A condition; like LiquidJS, anything after a complete condition is ignored.</summary>
    public static Expr Condition(string source)
    {
        var parser = new ExpressionParser(source);
        var condition = parser.ParseCondition();
        if (parser.Peek() is { Kind: ExprTokenKind.Punct, Text: "|" or "=" })
            throw parser.Error($"unexpected \"{parser.Peek().Text}\" (conditions take no filters)");
        return condition;
    }

    /// <summary>A parser positioned at the start of the source, for tags with their own syntax (for, cycle...).</summary>
    public static ExpressionParser For(string source) => new(source);

    public ExprToken Peek(int ahead = 0) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];
    public ExprToken Next() => _tokens[Math.Min(_position++, _tokens.Count - 1)];
    public bool AtEnd => Peek().Kind == ExprTokenKind.End;

    public bool TryPunct(string text)
    {
        if (Peek() is { Kind: ExprTokenKind.Punct } t && t.Text == text) { _position++; return true; }
        return false;
    }

    public string ExpectIdentifier()
    {
        var token = Next();
        if (token.Kind != ExprTokenKind.Identifier) throw Error($"expected a name but found \"{token.Text}\"");
        return token.Text;
    }

    public void ExpectEnd()
    {
        if (!AtEnd) throw Error($"unexpected \"{Peek().Text}\"");
    }

    public LiquidParseException Error(string message) => new($"{message} in \"{_source.Trim()}\"");

    public Expr ParseFiltered()
    {
        var value = ParseValue();
        var filters = new List<FilterCall>();
        while (TryPunct("|"))
        {
            if (Peek().Kind != ExprTokenKind.Identifier) break;
            var name = ExpectIdentifier();
            var args = new List<Expr>();
            var keywords = new List<(string, Expr)>();
            if (TryPunct(":"))
            {
                do
                {
                    if (AtEnd || Peek() is { Kind: ExprTokenKind.Punct, Text: "|" }) throw Error($"filter \"{name}\" has a \":\" with no argument");
                    if (Peek().Kind == ExprTokenKind.Identifier && Peek(1) is { Kind: ExprTokenKind.Punct, Text: ":" })
                    {
                        var key = Next().Text;
                        Next();
                        keywords.Add((key, ParseValue()));
                    }
                    else
                    {
                        args.Add(ParseValue());
                    }
                } while (TryPunct(","));
            }
            filters.Add(new FilterCall(name, args, keywords));
        }
        return filters.Count == 0 ? value : new FilteredExpr(value, filters);
    }

    /// <summary>Comparisons joined by and/or, evaluated right to left as LiquidJS does (no precedence).</summary>
    public Expr ParseCondition()
    {
        var left = ParseComparison();
        if (Peek() is { Kind: ExprTokenKind.Identifier, Text: "and" or "or" } op)
        {
            Next();
            return new BinaryExpr(op.Text, left, AtEnd ? new LiteralExpr(null) : ParseCondition());
        }
        return left;
    }

    private Expr ParseComparison()
    {
        if (Peek() is { Kind: ExprTokenKind.Identifier, Text: "not" } && Peek(1).Kind != ExprTokenKind.End &&
            Peek(1) is not { Kind: ExprTokenKind.Operator } and not { Kind: ExprTokenKind.Punct, Text: "." or "[" })
        {
            Next();
            return new NotExpr(ParseComparison());
        }
        var left = ParseValue();
        var token = Peek();
        if (token.Kind == ExprTokenKind.Operator || token is { Kind: ExprTokenKind.Identifier, Text: "contains" })
        {
            Next();
            return new BinaryExpr(token.Text, left, ParseValue());
        }
        return left;
    }

    public Expr ParseValue()
    {
        var token = Next();
        switch (token.Kind)
        {
            case ExprTokenKind.String:
                return Peek() is { Kind: ExprTokenKind.Punct, Text: "." or "[" } ? Path(new LiteralExpr(token.Text)) : new LiteralExpr(token.Text);
            case ExprTokenKind.Number:
                return new LiteralExpr(token.Number);
            case ExprTokenKind.Punct when token.Text == "(":
                var from = ParseValue();
                if (!TryPunct("..")) throw Error("expected \"..\" in a range");
                var to = ParseValue();
                if (!TryPunct(")")) throw Error("expected \")\" to close a range");
                return Path(new RangeExpr(from, to));
            case ExprTokenKind.Punct when token.Text == "[":
                var key = ParseValue();
                if (!TryPunct("]")) throw Error("expected \"]\"");
                return Path(new IndexRootExpr(key));
            case ExprTokenKind.Identifier:
                var followed = Peek() is { Kind: ExprTokenKind.Punct, Text: "." or "[" };
                if (!followed)
                {
                    switch (token.Text)
                    {
                        case "true": return new LiteralExpr(true);
                        case "false": return new LiteralExpr(false);
                        case "nil" or "null": return new LiteralExpr(null);
                        case "empty": return new LiteralExpr(LiquidSpecial.Empty);
                        case "blank": return new LiteralExpr(LiquidSpecial.Blank);
                    }
                }
                return Path(new VariableExpr(token.Text, []));
            default:
                throw Error(token.Kind == ExprTokenKind.End ? "expected a value" : $"unexpected \"{token.Text}\"");
        }
    }

    private Expr Path(Expr root)
    {
        var segments = new List<Expr>();
        while (true)
        {
            if (TryPunct("."))
            {
                var name = Next();
                if (name.Kind is not (ExprTokenKind.Identifier or ExprTokenKind.Number)) throw Error("expected a property name after \".\"");
                segments.Add(new LiteralExpr(name.Kind == ExprTokenKind.Number ? name.Text : name.Text));
            }
            else if (TryPunct("["))
            {
                segments.Add(ParseValue());
                if (!TryPunct("]")) throw Error("expected \"]\"");
            }
            else
            {
                break;
            }
        }
        return root switch
        {
            VariableExpr v when segments.Count > 0 => new VariableExpr(v.Root, segments),
            VariableExpr => root,
            _ when segments.Count > 0 => new PathExpr(root, segments),
            _ => root,
        };
    }
}

/// <summary>Logical negation (<c>not x</c>).</summary>
internal sealed class NotExpr(Expr inner) : Expr
{
    public override object? Evaluate(RenderContext context) => !LiquidValues.IsTruthy(inner.Evaluate(context));
}

/// <summary>A path starting with a bracket (<c>["key"]</c>): looks the key up among the variables.</summary>
internal sealed class IndexRootExpr(Expr key) : Expr
{
    public override object? Evaluate(RenderContext context) =>
        key.Evaluate(context) is string name ? context.Lookup(name) : null;
}

/// <summary>Further segments applied to any expression's value.</summary>
internal sealed class PathExpr(Expr root, IReadOnlyList<Expr> segments) : Expr
{
    public override object? Evaluate(RenderContext context)
    {
        var value = root.Evaluate(context);
        foreach (var segment in segments)
        {
            value = VariableExpr.Access(value, segment.Evaluate(context));
            if (value is null) return null;
        }
        return value;
    }
}
