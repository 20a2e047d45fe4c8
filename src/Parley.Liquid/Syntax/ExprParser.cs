using System.Globalization;
using Parley.Liquid.Runtime;

namespace Parley.Liquid.Syntax;

/// <summary>Parses the inside of a tag or output: values, paths, ranges, operators and filter chains.</summary>
internal ref struct ExprParser
{
    readonly string _s;
    int _i;
    readonly int _end;

    public ExprParser(string s, int start = 0, int end = -1)
    {
        _s = s; _i = start; _end = end < 0 ? s.Length : end;
    }

    public int Position => _i;
    public bool AtEnd { get { SkipWs(); return _i >= _end; } }
    public string Rest => _s.Substring(_i, _end - _i);

    static LiquidParseException Error(string msg) => new(msg);

    public void SkipWs() { while (_i < _end && char.IsWhiteSpace(_s[_i])) _i++; }

    static bool IsIdentChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '?';
    static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_' || c == '-';

    /// <summary>An assign target: like an identifier, but it may start with a digit.</summary>
    public string? TryVariableName()
    {
        SkipWs();
        int st = _i;
        while (_i < _end && IsIdentChar(_s[_i])) _i++;
        return _i > st ? _s.Substring(st, _i - st) : null;
    }

    public string? TryIdentifier()
    {
        SkipWs();
        int st = _i;
        if (_i < _end && IsIdentStart(_s[_i]))
        {
            while (_i < _end && IsIdentChar(_s[_i])) _i++;
            return _s.Substring(st, _i - st);
        }
        return null;
    }

    public string? PeekWord()
    {
        int save = _i; var w = TryIdentifier(); _i = save; return w;
    }

    public bool TryChar(char c)
    {
        SkipWs();
        if (_i < _end && _s[_i] == c) { _i++; return true; }
        return false;
    }

    public bool TryWord(string w)
    {
        int save = _i;
        if (TryIdentifier() == w) return true;
        _i = save; return false;
    }

    /// <summary>Full expression with filters, as in <c>{{ }}</c>, assign and echo.</summary>
    public Expr ParseFilteredExpression()
    {
        var e = ParseExpression();
        var filters = new List<FilterCall>();
        while (true)
        {
            SkipWs();
            if (_i >= _end) break;
            if (_s[_i] == '|')
            {
                _i++;
                var name = TryIdentifier();
                if (name is null) { if (AtEnd) break; throw Error("expected filter name"); }
                var args = new List<Expr>(); var kwargs = new List<(string, Expr)>();
                SkipWs();
                if (_i < _end && _s[_i] == ':')
                {
                    _i++;
                    while (true)
                    {
                        SkipWs();
                        if (_i >= _end || _s[_i] == '|') break;
                        if (_s[_i] == ',') { _i++; continue; }
                        int save = _i;
                        var key = TryIdentifier();
                        if (key is not null && TryChar(':')) kwargs.Add((key, ParseValue()));
                        else { _i = save; args.Add(ParseValue()); }
                        if (TryChar(',')) continue;
                        SkipWs();
                        if (_i < _end && _s[_i] != '|') throw Error($"unexpected character \"{_s[_i]}\"");
                        break;
                    }
                }
                else if (_i < _end && _s[_i] != '|') throw Error("expected \":\" after filter name");
                filters.Add(new FilterCall(name, Filters.Lookup(name), args.ToArray(), kwargs.ToArray()));
                continue;
            }
            if ((_s[_i] == '.' && char.IsWhiteSpace(_s[_i - 1])) || _s[_i] == '?') { _i++; continue; }
            if (StartsValue()) { ParseValue(); continue; }
            throw Error($"expected \"|\" before filter: {Rest}");
        }
        return filters.Count == 0 ? e : new FilteredExpr(e, filters.ToArray());
    }

    bool StartsValue()
    {
        char c = _s[_i];
        return IsIdentStart(c) || char.IsDigit(c) || c is '"' or '\'' or '[' or '(';
    }

    public Expr ParseExpression()
    {
        var left = ParseComparison();
        SkipWs();
        int save = _i;
        var w = TryIdentifier();
        if (w is "and" or "or")
        {
            if (AtEnd) return new BinaryExpr(w, left, new LiteralExpr(null)); // a dangling operator meets undefined
            var right = ParseExpression();
            return new BinaryExpr(w, left, right);
        }
        _i = save;
        return left;
    }

    Expr ParseComparison()
    {
        var left = ParseUnary();
        // LiquidJS folds operators of equal precedence from the right: 1 < 2 < 3 is 1 < (2 < 3)
        {
            SkipWs();
            int save = _i;
            string? op = null;
            if (_i + 1 < _end && (_s.AsSpan(_i, 2) is "==" or "!=" or "<>" or "<=" or ">="))
            {
                op = _s.Substring(_i, 2); _i += 2;
                if (_i < _end && _s[_i] == '=') throw Error("invalid operator");
            }
            else if (_i < _end && (_s[_i] == '<' || _s[_i] == '>')) { op = _s[_i].ToString(); _i++; }
            else if (_i < _end && _s[_i] == '=') throw Error("invalid operator \"=\"");
            else if (TryIdentifier() == "contains") op = "contains";
            if (op is null) { _i = save; return left; }
            if (AtEnd) return new BinaryExpr(op, left, new LiteralExpr(null));
            return new BinaryExpr(op, left, ParseComparison());
        }
    }

    Expr ParseUnary()
    {
        int save = _i;
        if (TryIdentifier() == "not") return new NotExpr(ParseUnary());
        _i = save;
        return ParseValue();
    }

    public Expr ParseValue()
    {
        SkipWs();
        if (_i >= _end) throw Error("invalid value expression: \"\"");
        char c = _s[_i];
        if (c == '"' || c == '\'')
        {
            int close = Tokenizer.ClosingQuote(_s, _i);
            if (close < 0 || close >= _end) throw Error("unbalanced quotes");
            var str = Unescape(_s.Substring(_i + 1, close - _i - 1));
            _i = close + 1;
            return WithPath(new LiteralExpr(str));
        }
        if (c == '(')
        {
            _i++;
            var lo = ParseValue();
            SkipWs();
            if (!(_i + 1 < _end && _s[_i] == '.' && _s[_i + 1] == '.')) throw Error("invalid range");
            _i += 2;
            var hi = ParseValue();
            if (!TryChar(')')) throw Error("invalid range: missing )");
            return WithPath(new RangeExpr(lo, hi));
        }
        if (char.IsDigit(c) || (c == '-' && _i + 1 < _end && char.IsDigit(_s[_i + 1])))
        {
            int st = _i; _i++;
            while (_i < _end && char.IsDigit(_s[_i])) _i++;
            if (_i + 1 < _end && _s[_i] == '.' && char.IsDigit(_s[_i + 1]))
            {
                _i++;
                while (_i < _end && char.IsDigit(_s[_i])) _i++;
            }
            if (_i < _end && (char.IsLetter(_s[_i]) || _s[_i] == '_'))
            {
                // something like 1abc: LiquidJS treats it as a variable name
                while (_i < _end && IsIdentChar(_s[_i])) _i++;
                return ParsePath(_s.Substring(st, _i - st));
            }
            if (_i < _end && _s[_i] == '.' && !(_i + 1 < _end && _s[_i + 1] == '.'))
            {
                // 5.5.5 and friends read as a property path on a number
                while (_i < _end && (IsIdentChar(_s[_i]) || _s[_i] == '.')) _i++;
                return new LiteralExpr(null);
            }
            return new LiteralExpr(double.Parse(_s.AsSpan(st, _i - st), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        if (c == '[') return ParsePath(null);
        if (c == '.')
        {
            // ".5" is not a number in LiquidJS; it reads as a lookup that finds nothing
            _i++;
            while (_i < _end && (IsIdentChar(_s[_i]) || _s[_i] == '.')) _i++;
            return new LiteralExpr(null);
        }
        if (IsIdentStart(c))
        {
            var id = TryIdentifier()!;
            switch (id)
            {
                case "true": return new LiteralExpr(true);
                case "false": return new LiteralExpr(false);
                case "nil": case "null": return new LiteralExpr(null);
                case "empty": if (!NextIsPath()) return new LiteralExpr(SpecialValue.Empty); break;
                case "blank": if (!NextIsPath()) return new LiteralExpr(SpecialValue.Blank); break;
            }
            return ParsePath(id);
        }
        throw Error($"invalid value expression: \"{Rest}\"");
    }

    static string Unescape(string raw)
    {
        if (!raw.Contains('\\')) return raw;
        var sb = new System.Text.StringBuilder(raw.Length);
        for (int k = 0; k < raw.Length; k++)
        {
            char ch = raw[k];
            if (ch != '\\' || k + 1 >= raw.Length) { sb.Append(ch); continue; }
            char e = raw[++k];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '0': sb.Append('\0'); break;
                case 'u' when k + 4 < raw.Length && ushort.TryParse(raw.AsSpan(k + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u):
                    sb.Append((char)u); k += 4; break;
                default: sb.Append(e); break;
            }
        }
        return sb.ToString();
    }

    bool NextIsPath() => _i < _end && (_s[_i] == '.' || _s[_i] == '[');

    Expr WithPath(Expr baseExpr)
    {
        if (!NextIsPath()) return baseExpr;
        var segs = ParseSegments();
        return new PathOnExpr(baseExpr, segs);
    }

    Expr ParsePath(string? root)
    {
        Expr? rootExpr = null;
        if (root is null)
        {
            _i++; // [
            rootExpr = ParseValue();
            if (!TryChar(']')) throw Error("expected ]");
        }
        var segs = ParseSegments();
        return new VariableExpr(root, rootExpr, segs);
    }

    object[] ParseSegments()
    {
        var segs = new List<object>();
        while (_i < _end)
        {
            if (_s[_i] == '.')
            {
                if (_i + 1 < _end && _s[_i + 1] == '.') break;
                _i++;
                int st = _i;
                while (_i < _end && IsIdentChar(_s[_i])) _i++;
                if (_i == st) throw Error("expected property name after \".\"");
                segs.Add(_s.Substring(st, _i - st));
            }
            else if (_s[_i] == '[')
            {
                _i++;
                var e = ParseValue();
                if (!TryChar(']'))
                {
                    // LiquidJS reads arr[a | f] as a lookup that finds nothing, as long as the bracket closes
                    int close = _s.IndexOf(']', _i);
                    if (close < 0 || close >= _end) throw Error("expected ]");
                    _i = close + 1;
                    e = new LiteralExpr(MissingKey.Instance);
                }
                segs.Add(e is LiteralExpr { Value: string or double } lit ? lit.Value! : e);
            }
            else break;
        }
        return segs.ToArray();
    }
}

/// <summary>A key that no object has.</summary>
internal sealed class MissingKey
{
    public static readonly MissingKey Instance = new();
}

/// <summary>Property access on a literal, such as <c>"abc".size</c> or <c>(1..5).size</c>.</summary>
internal sealed class PathOnExpr(Expr target, object[] segments) : Expr
{
    public override object? Eval(RenderContext ctx)
    {
        var v = target.Eval(ctx);
        foreach (var seg in segments)
        {
            if (v is null) return null;
            v = Values.ReadProperty(v, seg is Expr e ? e.Eval(ctx) : seg);
        }
        return v;
    }
}
