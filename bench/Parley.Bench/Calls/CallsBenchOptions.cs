using System.Globalization;

namespace Parley.Bench.Calls;

/// <summary>What the calls bench was asked for on its command line.</summary>
public sealed record CallsBenchOptions
{
    public const string Usage = "usage: calls [--calls 1,100,500,1000] [--seconds N] [--ramp S] [--same-process] [--no-baseline]";

    /// <summary>One cycle of the caller's script, barge-in included, at the bench's set waits.</summary>
    public static readonly TimeSpan ScriptCycle = new BenchLatencies().ScriptCycle;

    public IReadOnlyList<int> Counts { get; init; } = [1, 100];

    /// <summary>How long each call speaks at least; it then finishes its script cycle.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Calls start spread evenly over this window. One script cycle by default, so the calls are at every point of
    /// the script at once, as independent callers are; a short ramp makes them speak and be answered in waves.
    /// </summary>
    public TimeSpan Ramp { get; init; } = ScriptCycle;

    public bool SameProcess { get; init; }
    public bool Baseline { get; init; } = true;

    /// <summary>The options, or in <paramref name="problem"/> which argument is wrong and what it takes.</summary>
    public static bool TryParse(string[] args, out CallsBenchOptions options, out string? problem)
    {
        problem = null;
        options = new CallsBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--same-process")
            {
                options = options with { SameProcess = true };
                continue;
            }
            if (args[i] == "--no-baseline")
            {
                options = options with { Baseline = false };
                continue;
            }
            if (i + 1 >= args.Length)
            {
                problem = args[i].StartsWith("--", StringComparison.Ordinal) ? $"{args[i]} needs a value" : $"unknown argument '{args[i]}'";
                return false;
            }
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--calls":
                    var parsed = value.Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
                    if (parsed.Count == 0 || parsed.Any(n => n <= 0))
                    {
                        problem = $"--calls takes whole numbers above 0, comma-separated (got '{value}')";
                        return false;
                    }
                    options = options with { Counts = parsed };
                    break;
                case "--seconds":
                    if (!TryParseSeconds(value, out var seconds) || seconds <= TimeSpan.Zero)
                    {
                        problem = $"--seconds takes a number of seconds above 0 and under 3600 (got '{value}')";
                        return false;
                    }
                    options = options with { Duration = seconds };
                    break;
                case "--ramp":
                    if (!TryParseSeconds(value, out var ramp) || ramp < TimeSpan.Zero)
                    {
                        problem = $"--ramp takes a number of seconds from 0 to under 3600 (got '{value}')";
                        return false;
                    }
                    options = options with { Ramp = ramp };
                    break;
                default:
                    problem = $"unknown argument '{args[i - 1]}'";
                    return false;
            }
        }
        return true;
    }

    private static bool TryParseSeconds(string text, out TimeSpan value)
    {
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds < 3600;
        value = ok ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        return ok;
    }
}
