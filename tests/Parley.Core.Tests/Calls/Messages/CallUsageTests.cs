using System.Text.Json.Nodes;
using Parley.Core.Calls.Analysis;
using Parley.Core.Calls.Messages;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Calls.Messages;

// Invariant: the analysis adds one cost entry per part and its token counts to the breakdown, every price 0, and a
// report with no analysis is left as it was.
public class CallUsageTests
{
    [Fact]
    public void The_analysis_adds_an_entry_per_part_and_its_breakdown()
    {
        var report = new JsonObject { ["costs"] = new JsonArray(), ["costBreakdown"] = new JsonObject { ["total"] = 0 } };
        var assistant = new JsonObject { ["model"] = new JsonObject { ["provider"] = "openai", ["model"] = "gpt-4o", ["url"] = "https://secret.example" } };

        CallUsage.AddAnalysis(report, assistant, new Dictionary<string, ChatUsage> { [AnalysisPart.Summary] = new(300, 40, 256) });

        Assert.Equal("""
            [{"type":"analysis","analysisType":"summary","model":{"provider":"openai","model":"gpt-4o"},"promptTokens":300,"completionTokens":40,"cachedPromptTokens":256,"cost":0}]
            """, report["costs"]!.ToJsonString());
        Assert.Equal("""
            {"summary":0,"summaryPromptTokens":300,"summaryCompletionTokens":40,"summaryCachedPromptTokens":256}
            """, report["costBreakdown"]!["analysisCostBreakdown"]!.ToJsonString());
    }

    [Fact]
    public void No_analysis_leaves_the_report_alone()
    {
        var report = new JsonObject { ["costs"] = new JsonArray(), ["costBreakdown"] = new JsonObject() };

        CallUsage.AddAnalysis(report, new JsonObject(), new Dictionary<string, ChatUsage>());

        Assert.Equal("""{"costs":[],"costBreakdown":{}}""", report.ToJsonString());
    }
}
