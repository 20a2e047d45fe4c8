namespace Parley.Core.Calls.Turns;

/// <summary>
/// Vapi's smartEndpointingPlan.waitFunction: a math expression over <c>x</c> (probability the caller is still
/// speaking, 0..1) giving milliseconds to wait. Parsed once into a small postfix program; evaluating it does
/// not allocate. Follows math (and mathjs) precedence: <c>^</c> is right-associative and binds tighter than
/// unary minus, so <c>-x^2</c> is <c>-(x^2)</c>.
/// </summary>
public sealed partial class WaitFunction
{
    /// <summary>Vapi's default for LiveKit smart endpointing.</summary>
    public const string DefaultExpression = "20 + 500 * sqrt(x) + 2500 * x^3";

    private readonly Instruction[] _program;
    private readonly int _maxStack;

    private WaitFunction(string expression, Instruction[] program, int maxStack)
    {
        Expression = expression;
        _program = program;
        _maxStack = maxStack;
    }

    public string Expression { get; }

    public static WaitFunction Default { get; } = Parse(DefaultExpression);

    /// <summary>Parses or throws <see cref="FormatException"/> naming the position (validation turns it into a 400).</summary>
    public static WaitFunction Parse(string expression) =>
        TryParse(expression, out var function, out var error) ? function : throw new FormatException($"waitFunction: {error}");

    public static bool TryParse(string expression, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WaitFunction? function,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out WaitFunctionError? error)
    {
        var parser = new Parser(expression ?? "");
        if (parser.TryParse(out var program, out error))
        {
            function = new WaitFunction(expression!, program, MaxDepth(program));
            return true;
        }
        function = null;
        return false;
    }

    /// <summary>Evaluates at <paramref name="x"/>; the result may be NaN or negative, callers decide what that means.</summary>
    public double Evaluate(double x)
    {
        Span<double> stack = _maxStack <= 64 ? stackalloc double[64] : new double[_maxStack];
        int top = 0;
        foreach (ref readonly var op in _program.AsSpan())
        {
            switch (op.Code)
            {
                case OpCode.Push: stack[top++] = op.Value; break;
                case OpCode.LoadX: stack[top++] = x; break;
                case OpCode.Negate: stack[top - 1] = -stack[top - 1]; break;
                case OpCode.Add: top--; stack[top - 1] += stack[top]; break;
                case OpCode.Subtract: top--; stack[top - 1] -= stack[top]; break;
                case OpCode.Multiply: top--; stack[top - 1] *= stack[top]; break;
                case OpCode.Divide: top--; stack[top - 1] /= stack[top]; break;
                case OpCode.Modulo: top--; stack[top - 1] %= stack[top]; break;
                case OpCode.Power: top--; stack[top - 1] = Math.Pow(stack[top - 1], stack[top]); break;
                case OpCode.Call:
                    top -= op.ArgumentCount;
                    stack[top] = Functions.Invoke(op.Function, stack.Slice(top, op.ArgumentCount));
                    top++;
                    break;
            }
        }
        return stack[0];
    }

    private static int MaxDepth(Instruction[] program)
    {
        int depth = 0, max = 0;
        foreach (var op in program)
        {
            depth += op.Code switch
            {
                OpCode.Push or OpCode.LoadX => 1,
                OpCode.Negate => 0,
                OpCode.Call => 1 - op.ArgumentCount,
                _ => -1,
            };
            max = Math.Max(max, depth);
        }
        return max;
    }

    private enum OpCode : byte { Push, LoadX, Negate, Add, Subtract, Multiply, Divide, Modulo, Power, Call }

    private readonly record struct Instruction(OpCode Code, double Value = 0, MathFunction Function = default, int ArgumentCount = 0);
}
