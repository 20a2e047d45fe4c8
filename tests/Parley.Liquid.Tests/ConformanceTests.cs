using Xunit.Abstractions;

namespace Parley.Liquid.Tests;

/// <summary>
/// Every public case of the LiquidJS 10.30.1 corpus renders byte for byte as LiquidJS did (or fails where LiquidJS
/// threw), with the corpus's options: UTC, clock frozen at 2024-02-29T23:45:30Z.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void The_public_LiquidJS_corpus_renders_exactly()
    {
        var cases = ConformanceCorpus.Load();
        var engine = new LiquidEngine(new LiquidOptions { Clock = new FixedClock(ConformanceCorpus.FrozenNow) });
        var failures = new List<(ConformanceCase Case, string Got)>();
        foreach (var c in cases)
        {
            string? got = null;
            string? error = null;
            try { got = engine.Render(c.Template, c.Context); }
            catch (LiquidException e) { error = e.Message; }
            var passed = c.ExpectsError ? error is not null : got == c.Expected;
            if (!passed) failures.Add((c, error is not null ? "error: " + error : got ?? ""));
        }

        var summary = $"Liquid conformance: {cases.Count - failures.Count}/{cases.Count} passed";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var group in failures.GroupBy(f => f.Case.Category).OrderByDescending(g => g.Count()))
            output.WriteLine($"  {group.Key}: {group.Count()} failing ({string.Join(", ", group.Select(f => f.Case.Id).Take(6))})");
        foreach (var (c, got) in failures.Take(400))
            output.WriteLine($"FAIL {c.Id}: {c.Template.ReplaceLineEndings("⏎")} => expected {(c.ExpectsError ? "an error" : $"[{c.Expected}]")}, got [{got}]");

        Assert.True(failures.Count == 0, summary);
    }
}
