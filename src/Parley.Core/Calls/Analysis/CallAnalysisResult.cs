using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Analysis;

/// <summary>What the analyzer knows about the finished call beyond the transcript, for the prompts' template variables.</summary>
public sealed record CallAnalysisInput(string Transcript, JsonArray? Messages)
{
    /// <summary>
    /// <c>{{systemPrompt}}</c>. When null it is taken from the first <c>system</c> entry of <see cref="Messages"/>,
    /// which is where a call's artifact keeps the assistant's system prompt.
    /// </summary>
    public string? SystemPrompt { get; init; }

    /// <summary><c>{{endedReason}}</c>: the call's endedReason; the default prompts leave that line out when unknown.</summary>
    public string? EndedReason { get; init; }
}

/// <summary>The parts of the analysis a <see cref="CallAnalysisResult"/> can report a problem for.</summary>
public static class AnalysisPart
{
    public const string Summary = "summary";
    public const string StructuredData = "structuredData";
    public const string SuccessEvaluation = "successEvaluation";
}

/// <summary>Why one part of the analysis is missing (model failure, timeout, unparseable JSON...), for logs and the dashboard.</summary>
public sealed record AnalysisProblem(string Part, string Message);

/// <summary>The call's <c>analysis</c> object as Vapi shapes it, plus the problems that left parts of it out.</summary>
public sealed record CallAnalysisResult(JsonObject Analysis, IReadOnlyList<AnalysisProblem> Problems)
{
    /// <summary>True when the call was too short to analyse (empty transcript or under <c>minMessagesThreshold</c>).</summary>
    public bool Skipped { get; init; }

    /// <summary>The tokens each part's model request used (by <see cref="AnalysisPart"/>), for the call's costs.</summary>
    public IReadOnlyDictionary<string, Llm.ChatUsage> Usage { get; init; } = new Dictionary<string, Llm.ChatUsage>();
}
