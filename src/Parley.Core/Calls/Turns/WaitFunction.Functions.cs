namespace Parley.Core.Calls.Turns;

public sealed partial class WaitFunction
{
    private enum MathFunction : byte
    {
        Sqrt, Exp, Log, Log10, Log2, Abs, Min, Max, Pow, Floor, Ceil, Round, Sin, Cos, Tan, Tanh, Sign,
    }

    private static class Functions
    {
        // (name, function, min args, max args); log/ln are natural logs as in JavaScript and mathjs.
        public static readonly Dictionary<string, (MathFunction Function, int Min, int Max)> ByName = new(StringComparer.Ordinal)
        {
            ["sqrt"] = (MathFunction.Sqrt, 1, 1),
            ["exp"] = (MathFunction.Exp, 1, 1),
            ["log"] = (MathFunction.Log, 1, 2),
            ["ln"] = (MathFunction.Log, 1, 1),
            ["log10"] = (MathFunction.Log10, 1, 1),
            ["log2"] = (MathFunction.Log2, 1, 1),
            ["abs"] = (MathFunction.Abs, 1, 1),
            ["min"] = (MathFunction.Min, 1, 16),
            ["max"] = (MathFunction.Max, 1, 16),
            ["pow"] = (MathFunction.Pow, 2, 2),
            ["floor"] = (MathFunction.Floor, 1, 1),
            ["ceil"] = (MathFunction.Ceil, 1, 1),
            ["round"] = (MathFunction.Round, 1, 1),
            ["sin"] = (MathFunction.Sin, 1, 1),
            ["cos"] = (MathFunction.Cos, 1, 1),
            ["tan"] = (MathFunction.Tan, 1, 1),
            ["tanh"] = (MathFunction.Tanh, 1, 1),
            ["sign"] = (MathFunction.Sign, 1, 1),
        };

        public static double Invoke(MathFunction function, ReadOnlySpan<double> args) => function switch
        {
            MathFunction.Sqrt => Math.Sqrt(args[0]),
            MathFunction.Exp => Math.Exp(args[0]),
            MathFunction.Log => args.Length == 2 ? Math.Log(args[0]) / Math.Log(args[1]) : Math.Log(args[0]),
            MathFunction.Log10 => Math.Log10(args[0]),
            MathFunction.Log2 => Math.Log2(args[0]),
            MathFunction.Abs => Math.Abs(args[0]),
            MathFunction.Min => Fold(args, Math.Min),
            MathFunction.Max => Fold(args, Math.Max),
            MathFunction.Pow => Math.Pow(args[0], args[1]),
            MathFunction.Floor => Math.Floor(args[0]),
            MathFunction.Ceil => Math.Ceiling(args[0]),
            // JavaScript rounds halves up (Math.round(-2.5) = -2), not to even.
            MathFunction.Round => Math.Floor(args[0] + 0.5),
            MathFunction.Sin => Math.Sin(args[0]),
            MathFunction.Cos => Math.Cos(args[0]),
            MathFunction.Tan => Math.Tan(args[0]),
            MathFunction.Tanh => Math.Tanh(args[0]),
            MathFunction.Sign => Math.Sign(args[0]),
            _ => double.NaN,
        };

        private static double Fold(ReadOnlySpan<double> args, Func<double, double, double> pick)
        {
            double result = args[0];
            for (int i = 1; i < args.Length; i++) result = pick(result, args[i]);
            return result;
        }
    }
}
