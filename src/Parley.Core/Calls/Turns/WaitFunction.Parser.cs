using System.Globalization;

namespace Parley.Core.Calls.Turns;

public sealed partial class WaitFunction
{
    /// <summary>Recursive descent: sum → product → unary → power → primary, emitting postfix as it goes.</summary>
    private sealed class Parser(string text)
    {
        private readonly List<Instruction> _out = [];
        private int _pos;
        private WaitFunctionError? _error;

        public bool TryParse(out Instruction[] program, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out WaitFunctionError? error)
        {
            program = [];
            SkipSpace();
            if (_pos >= text.Length) Fail("expression is empty");
            else if (Sum())
            {
                SkipSpace();
                if (_pos < text.Length) Fail($"unexpected '{text[_pos]}'");
            }
            error = _error;
            if (error is not null) return false;
            program = _out.ToArray();
            return true;
        }

        private bool Sum()
        {
            if (!Product()) return false;
            while (true)
            {
                SkipSpace();
                if (Accept('+')) { if (!Product()) return false; Emit(OpCode.Add); }
                else if (Accept('-')) { if (!Product()) return false; Emit(OpCode.Subtract); }
                else return true;
            }
        }

        private bool Product()
        {
            if (!Unary()) return false;
            while (true)
            {
                SkipSpace();
                if (Peek('*') && !Peek('*', 1)) { _pos++; if (!Unary()) return false; Emit(OpCode.Multiply); }
                else if (Accept('/')) { if (!Unary()) return false; Emit(OpCode.Divide); }
                else if (Accept('%')) { if (!Unary()) return false; Emit(OpCode.Modulo); }
                else return true;
            }
        }

        private bool Unary()
        {
            SkipSpace();
            if (Accept('-')) { if (!Unary()) return false; Emit(OpCode.Negate); return true; }
            if (Accept('+')) return Unary();
            return Power();
        }

        private bool Power()
        {
            if (!Primary()) return false;
            SkipSpace();
            bool caret = Accept('^');
            if (!caret && Peek('*') && Peek('*', 1)) { _pos += 2; caret = true; }
            if (!caret) return true;
            // Right-associative, and the exponent may carry its own sign: 2^-x, 2^3^2 = 2^9.
            if (!Unary()) return false;
            Emit(OpCode.Power);
            return true;
        }

        private bool Primary()
        {
            SkipSpace();
            if (_pos >= text.Length) return Fail("expected a number, x, a function or '('");
            char c = text[_pos];
            if (c == '(')
            {
                _pos++;
                if (!Sum()) return false;
                SkipSpace();
                return Accept(')') || Fail("expected ')'");
            }
            if (char.IsAsciiDigit(c) || c == '.') return Number();
            if (char.IsAsciiLetter(c) || c == '_') return Identifier();
            return Fail($"unexpected '{c}'");
        }

        private bool Number()
        {
            int start = _pos;
            while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == '.')) _pos++;
            if (_pos < text.Length && (text[_pos] == 'e' || text[_pos] == 'E'))
            {
                int save = _pos++;
                if (_pos < text.Length && (text[_pos] == '+' || text[_pos] == '-')) _pos++;
                if (_pos < text.Length && char.IsAsciiDigit(text[_pos])) { while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++; }
                else _pos = save;
            }
            if (!double.TryParse(text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                _pos = start;
                return Fail($"malformed number '{text[start.._pos]}'");
            }
            _out.Add(new Instruction(OpCode.Push, value));
            return true;
        }

        private bool Identifier()
        {
            int start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            string name = text[start.._pos];
            SkipSpace();
            if (Peek('('))
            {
                if (!Functions.ByName.TryGetValue(name.ToLowerInvariant(), out var function))
                {
                    _pos = start;
                    return Fail($"unknown function '{name}'");
                }
                int open = _pos++;
                int count = 0;
                SkipSpace();
                if (!Accept(')'))
                {
                    do
                    {
                        if (!Sum()) return false;
                        count++;
                        SkipSpace();
                    } while (Accept(','));
                    if (!Accept(')')) return Fail("expected ',' or ')'");
                }
                if (count < function.Min || count > function.Max)
                {
                    _pos = open;
                    string expected = function.Min == function.Max ? $"{function.Min}" : $"{function.Min} to {function.Max}";
                    return Fail($"{name}() takes {expected} argument(s), got {count}");
                }
                _out.Add(new Instruction(OpCode.Call, Function: function.Function, ArgumentCount: count));
                return true;
            }
            switch (name)
            {
                case "x": Emit(OpCode.LoadX); return true;
                case "pi" or "PI": _out.Add(new Instruction(OpCode.Push, Math.PI)); return true;
                case "e" or "E": _out.Add(new Instruction(OpCode.Push, Math.E)); return true;
            }
            _pos = start;
            return Fail($"unknown name '{name}' (only x, pi and e are defined)");
        }

        private void Emit(OpCode code) => _out.Add(new Instruction(code));

        private bool Accept(char c)
        {
            if (!Peek(c)) return false;
            _pos++;
            return true;
        }

        private bool Peek(char c, int ahead = 0) => _pos + ahead < text.Length && text[_pos + ahead] == c;

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        private bool Fail(string message)
        {
            _error ??= new WaitFunctionError(_pos, message);
            return false;
        }
    }
}
