using Parley.Core.Calls.Turns;

namespace Parley.Core.Tests.Calls.Turns;

public class WaitFunctionTests
{
    [Theory]
    [InlineData("20 + 500 * sqrt(x) + 2500 * x^3", 0.0, 20.0)]
    [InlineData("20 + 500 * sqrt(x) + 2500 * x^3", 1.0, 3020.0)]
    [InlineData("20 + 500 * sqrt(x) + 2500 * x^3", 0.25, 20 + 250 + 39.0625)]
    [InlineData("200 + 8000 * x", 0.5, 4200.0)]
    [InlineData("700 + 4000 * max(0, x-0.5)", 0.9, 2300.0)]
    [InlineData("700 + 4000 * max(0, x-0.5)", 0.2, 700.0)]
    [InlineData("2000 / (1 + exp(-10 * (x - 0.5)))", 0.5, 1000.0)]
    [InlineData("4000 * (1 - cos(pi * x))", 1.0, 8000.0)]
    [InlineData("-x^2", 3.0, -9.0)]
    [InlineData("2^3^2", 0.0, 512.0)]
    [InlineData("2**3", 0.0, 8.0)]
    [InlineData("2^-1", 0.0, 0.5)]
    [InlineData("10 - 4 - 3", 0.0, 3.0)]
    [InlineData("12 / 3 / 2", 0.0, 2.0)]
    [InlineData("-(x + 1) * 2", 1.0, -4.0)]
    [InlineData("min(3, 1, 2) + max(x, 4) + pow(2, 10)", 5.0, 1 + 5 + 1024.0)]
    [InlineData("abs(-2) + floor(1.7) + ceil(1.2) + round(2.5) + round(-2.5)", 0.0, 2 + 1 + 2 + 3 - 2.0)]
    [InlineData("ln(e) + log(100, 10) + log(1)", 0.0, 3.0)]
    [InlineData("tanh(0) + sin(0) + 1.5e3", 0.0, 1500.0)]
    [InlineData("7 % 4", 0.0, 3.0)]
    public void Expressions_evaluate_with_math_precedence(string expression, double x, double expected)
    {
        Assert.Equal(expected, WaitFunction.Parse(expression).Evaluate(x), 9);
    }

    [Theory]
    [InlineData("", 0, "expression is empty")]
    [InlineData("20 +", 4, "expected a number")]
    [InlineData("20 * (x + 1", 11, "expected ')'")]
    [InlineData("foo(x)", 0, "unknown function 'foo'")]
    [InlineData("y * 2", 0, "unknown name 'y'")]
    [InlineData("sqrt(1, 2)", 4, "sqrt() takes 1 argument(s), got 2")]
    [InlineData("20 # 3", 3, "unexpected '#'")]
    [InlineData("1.2.3", 0, "malformed number")]
    [InlineData("pow(2)", 3, "pow() takes 2 argument(s), got 1")]
    public void Bad_expressions_report_what_and_where(string expression, int position, string message)
    {
        Assert.False(WaitFunction.TryParse(expression, out _, out var error));
        Assert.Equal(position, error.Position);
        Assert.StartsWith(message, error.Message);
        var thrown = Assert.Throws<FormatException>(() => WaitFunction.Parse(expression));
        Assert.Contains($"position {position}", thrown.Message);
    }

    [Fact]
    public void Evaluating_allocates_nothing()
    {
        var function = WaitFunction.Parse("(20 + 500 * sqrt(x) + 2500 * x^3 + 700 + 4000 * max(0, x-0.5)) / 2");
        // Warm up past tiered compilation's call-count threshold, so the runtime's one-off work is not counted.
        for (int i = 0; i < 500; i++) function.Evaluate(0.5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 1000; i++) sum += function.Evaluate(i / 1000.0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }
}
