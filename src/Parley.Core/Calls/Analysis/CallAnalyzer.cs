using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Json;
using Parley.Core.Llm;
using Parley.Core.Templates;

namespace Parley.Core.Calls.Analysis;

/// <summary>
/// Runs an assistant's <c>analysisPlan</c> at the end of a call and produces Vapi's <c>call.analysis</c> object:
/// <c>summary</c>, <c>structuredData</c> and <c>successEvaluation</c>, each asked of the model in parallel.
/// A part that fails (model error, timeout, unusable answer) is left out and reported as a problem; only the
/// caller's own cancellation throws.
/// </summary>
/// <remarks>
/// Defaults follow Vapi's schema: summary and success evaluation on unless <c>enabled: false</c>; structured data
/// only with <c>structuredDataPlan.enabled: true</c> and a <c>schema</c>; each part times out after
/// <c>timeoutSeconds</c> (default 5, clamped to 1..60); rubric defaults to PassFail; analysis is skipped when
/// the transcript is blank or the call has fewer than <c>minMessagesThreshold</c> (default 2) spoken messages.
/// </remarks>
public sealed class CallAnalyzer(ITemplateRenderer? renderer = null, TimeProvider? time = null)
{
    public const int DefaultMinMessagesThreshold = 2;
    public const double DefaultTimeoutSeconds = 5;
    public const string DefaultRubric = "PassFail";

    /// <summary>
    /// Analysis answers can be longer than a spoken turn (structured data especially), so the assistant's
    /// conversational maxTokens (default 250) is raised to at least this.
    /// </summary>
    public const int MinAnalysisMaxTokens = 1000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Vapi's <c>call.analysis</c> for the call; parts that could not be produced are absent.</summary>
    public async Task<JsonObject> AnalyzeAsync(JsonObject? analysisPlan, string transcript, JsonArray? messages,
        IChatModel model, ModelSettings settings, CancellationToken cancellationToken)
    {
        var result = await RunAsync(analysisPlan, new CallAnalysisInput(transcript, messages), model, settings, cancellationToken);
        return result.Analysis;
    }

    /// <summary>The analysis together with the reason each missing part is missing.</summary>
    public async Task<CallAnalysisResult> RunAsync(JsonObject? analysisPlan, CallAnalysisInput input,
        IChatModel model, ModelSettings settings, CancellationToken cancellationToken)
    {
        var plan = analysisPlan ?? new JsonObject();
        var threshold = JsonRead.NumberOrNumericString(plan["minMessagesThreshold"]) ?? DefaultMinMessagesThreshold;
        if (string.IsNullOrWhiteSpace(input.Transcript) || SpokenMessageCount(input) < threshold)
            return new CallAnalysisResult(new JsonObject(), []) { Skipped = true };

        var variables = Variables(input);
        var summaryPlan = plan["summaryPlan"] as JsonObject;
        var dataPlan = plan["structuredDataPlan"] as JsonObject;
        var evaluationPlan = plan["successEvaluationPlan"] as JsonObject;

        var problems = new List<AnalysisProblem>();
        Task<PartOutcome>? summary = null, data = null, evaluation = null;

        if (JsonRead.Bool(summaryPlan?["enabled"]) ?? true)
        {
            var prompt = AnalysisPrompts.Build(summaryPlan?["messages"] as JsonArray, JsonRead.String(plan["summaryPrompt"]),
                AnalysisPrompts.SummarySystem, false, variables, renderer);
            summary = AskAsync(AnalysisPart.Summary, prompt, Timeout(summaryPlan), model, settings, cancellationToken);
        }

        // Older assistants set a flat structuredDataSchema instead of the plan; it counts as enabling the part unless
        // the plan explicitly says enabled: false.
        var schema = dataPlan?["schema"] as JsonObject ?? plan["structuredDataSchema"] as JsonObject;
        var dataEnabled = JsonRead.Bool(dataPlan?["enabled"]) ?? plan["structuredDataSchema"] is JsonObject;
        if (dataEnabled && schema is null)
            problems.Add(new AnalysisProblem(AnalysisPart.StructuredData, "structuredDataPlan is enabled but has no schema"));
        else if (dataEnabled)
        {
            var dataVariables = (JsonObject)variables.DeepClone();
            dataVariables["schema"] = schema!.ToJsonString();
            var prompt = AnalysisPrompts.Build(dataPlan?["messages"] as JsonArray, JsonRead.String(plan["structuredDataPrompt"]),
                AnalysisPrompts.StructuredDataSystem, false, dataVariables, renderer);
            data = AskAsync(AnalysisPart.StructuredData, prompt, Timeout(dataPlan), model, settings, cancellationToken);
        }

        var rubric = JsonRead.String(evaluationPlan?["rubric"]) ?? JsonRead.String(plan["successEvaluationRubric"]) ?? DefaultRubric;
        if (JsonRead.Bool(evaluationPlan?["enabled"]) ?? true)
        {
            var evaluationVariables = (JsonObject)variables.DeepClone();
            evaluationVariables["rubric"] = AnalysisPrompts.RubricText(rubric);
            var prompt = AnalysisPrompts.Build(evaluationPlan?["messages"] as JsonArray, JsonRead.String(plan["successEvaluationPrompt"]),
                AnalysisPrompts.SuccessEvaluationSystem, true, evaluationVariables, renderer);
            evaluation = AskAsync(AnalysisPart.SuccessEvaluation, prompt, Timeout(evaluationPlan), model, settings, cancellationToken);
        }

        // The parts are independent, so they run side by side: the end-of-call report waits for the slowest, not the sum.
        await Task.WhenAll(new[] { summary, data, evaluation }.OfType<Task<PartOutcome>>());

        var analysis = new JsonObject();
        if (summary is not null && Accept(summary.Result, problems) is { } summaryText)
            analysis["summary"] = summaryText;
        if (data is not null && Accept(data.Result, problems) is { } dataText)
        {
            var parsed = StructuredDataReply.Parse(dataText, schema, out var error);
            if (parsed is not null) analysis["structuredData"] = parsed;
            else problems.Add(new AnalysisProblem(AnalysisPart.StructuredData, error!));
        }
        if (evaluation is not null && Accept(evaluation.Result, problems) is { } evaluationText)
            analysis["successEvaluation"] = rubric == "PassFail" ? NormalisePassFail(evaluationText) : evaluationText;

        var usage = new[] { summary, data, evaluation }.OfType<Task<PartOutcome>>()
            .Where(t => t.Result.Usage is not null)
            .ToDictionary(t => t.Result.Part, t => t.Result.Usage!);
        return new CallAnalysisResult(analysis, problems) { Usage = usage };
    }

    /// <summary>
    /// Messages that count toward <c>minMessagesThreshold</c>: what the customer and the assistant said. System,
    /// tool-call and tool-result entries are bookkeeping, so a call where only the first message was spoken stays
    /// under the default threshold of 2. Without a message list, non-blank transcript lines are counted instead.
    /// </summary>
    internal static int SpokenMessageCount(CallAnalysisInput input)
    {
        if (input.Messages is { } messages)
            return messages.OfType<JsonObject>().Count(Messages.CallLog.IsSpoken);
        return input.Transcript.Split('\n').Count(line => !string.IsNullOrWhiteSpace(line));
    }

    private static JsonObject Variables(CallAnalysisInput input)
    {
        var systemPrompt = input.SystemPrompt ?? input.Messages?.OfType<JsonObject>()
            .Where(m => JsonRead.String(m["role"]) == "system")
            .Select(m => JsonRead.String(m["message"]) ?? JsonRead.String(m["content"]))
            .FirstOrDefault(text => text is not null);
        return new JsonObject
        {
            ["transcript"] = input.Transcript,
            ["systemPrompt"] = systemPrompt ?? "",
            ["messages"] = input.Messages?.ToJsonString() ?? "[]",
            ["endedReason"] = input.EndedReason ?? "",
        };
    }

    private static TimeSpan Timeout(JsonObject? partPlan)
    {
        var seconds = JsonRead.NumberOrNumericString(partPlan?["timeoutSeconds"]) ?? DefaultTimeoutSeconds;
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 60));
    }

    private async Task<PartOutcome> AskAsync(string part, IReadOnlyList<ChatMessage> prompt, TimeSpan timeout,
        IChatModel model, ModelSettings settings, CancellationToken cancellationToken)
    {
        var request = new ChatRequest
        {
            Model = settings.Model,
            Messages = prompt,
            // Analysis wants the most likely answer, not a creative one; extraction and grading especially.
            Temperature = 0,
            MaxTokens = Math.Max(settings.MaxTokens ?? 0, MinAnalysisMaxTokens),
            ExtraBody = settings.ExtraBody,
        };

        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var answer = new ChatAnswerBuilder();
        try
        {
            await foreach (var delta in model.StreamAsync(request, linked.Token)) answer.Add(delta);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own timeout; handled below together with models that end the stream quietly on cancellation.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return PartOutcome.Failed(part, "the model threw: " + ex.Message);
        }
        cancellationToken.ThrowIfCancellationRequested();

        if (timer.IsCancellationRequested)
            return PartOutcome.Failed(part, $"the model did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (timeoutSeconds)");
        if (answer.Failure is { } failure)
            return PartOutcome.Failed(part, "the model failed: " + failure.Message);
        var text = answer.Text.Trim();
        var used = answer.Completed?.Usage;
        return text.Length == 0 ? PartOutcome.Failed(part, "the model answered with no text") with { Usage = used } : new PartOutcome(part, text, null) { Usage = used };
    }

    private static string? Accept(PartOutcome outcome, List<AnalysisProblem> problems)
    {
        if (outcome.Error is not null) problems.Add(new AnalysisProblem(outcome.Part, outcome.Error));
        return outcome.Text;
    }

    /// <summary>PassFail promises 'true' or 'false'; models often say "True." — give webhooks the promised spelling.</summary>
    private static string NormalisePassFail(string text)
    {
        var word = text.Trim().TrimEnd('.', '!').Trim('"', '\'', '`', '*').ToLowerInvariant();
        return word is "true" or "false" ? word : text;
    }

    private sealed record PartOutcome(string Part, string? Text, string? Error)
    {
        /// <summary>What the part's model request used, when it completed.</summary>
        public ChatUsage? Usage { get; init; }

        public static PartOutcome Failed(string part, string error) => new(part, null, error);
    }
}
