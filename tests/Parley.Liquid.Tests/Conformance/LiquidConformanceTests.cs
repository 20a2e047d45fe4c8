using System.Text;
using System.Text.Json.Nodes;
using Parley.Liquid.Tests.Support;
using Xunit.Abstractions;

namespace Parley.Liquid.Tests.Conformance;

/// <summary>Every public LiquidJS case must render exactly, or fail where LiquidJS failed.</summary>
public sealed class LiquidConformanceTests(ITestOutputHelper output)
{
    static readonly DateTimeOffset FrozenNow = DateTimeOffset.Parse("2024-02-29T23:45:30Z");

    [Fact]
    public void Every_public_corpus_case_renders_like_LiquidJS()
    {
        var path = CorpusLocator.FindOrFail();
        var engine = new LiquidEngine(new LiquidOptions { Clock = new ManualTimeProvider(FrozenNow) });
        int total = 0, passed = 0;
        var failuresByCategory = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var totalsByCategory = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var details = new StringBuilder();
        foreach (var line in File.ReadAllText(path).Split('\n'))
        {
            if (line.Length == 0) continue;
            var c = JsonNode.Parse(line)!.AsObject();
            var id = c["id"]!.GetValue<string>();
            var category = c["category"]!.GetValue<string>();
            total++;
            totalsByCategory[category] = totalsByCategory.GetValueOrDefault(category) + 1;
            string? got = null, error = null;
            try { got = engine.Render(c["template"]!.GetValue<string>(), c["context"] as JsonObject); }
            catch (LiquidException ex) { error = ex.Message; }
            bool ok = c["error"] is not null ? error is not null : error is null && got == c["expected"]!.GetValue<string>();
            if (ok) { passed++; continue; }
            failuresByCategory[category] = failuresByCategory.GetValueOrDefault(category) + 1;
            details.AppendLine($"  {id}: expected {(c["error"] is not null ? "an error" : Quote(c["expected"]!.GetValue<string>()))}, got {(error is not null ? "error: " + error : Quote(got!))}");
        }
        var report = new StringBuilder($"Liquid conformance: {passed}/{total} passed\n");
        foreach (var (category, count) in totalsByCategory)
        {
            var failed = failuresByCategory.GetValueOrDefault(category);
            if (failed > 0) report.AppendLine($"  {category}: {failed} of {count} failed");
        }
        report.Append(details);
        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
        Assert.True(passed == total, report.ToString());
    }

    static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
