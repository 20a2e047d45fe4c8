using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Core.Json;
using Parley.Core.Llm;
using Parley.Core.Templates;

namespace Parley.Core.Calls.Analysis;

/// <summary>
/// Builds the prompt of each analysis part: the plan's own <c>messages</c> when given, else Vapi's documented
/// default prompts, with <c>{{transcript}}</c>, <c>{{systemPrompt}}</c>, <c>{{messages}}</c>, <c>{{schema}}</c>,
/// <c>{{rubric}}</c> and <c>{{endedReason}}</c> filled in.
/// </summary>
internal static partial class AnalysisPrompts
{
    // Vapi documents these defaults in its SummaryPlan/StructuredDataPlan/SuccessEvaluationPlan schemas; keeping their
    // meaning means a user who relied on the defaults gets the same kind of output. The lines naming the ended
    // reason and system prompt are added only when those are known, so the model never sees an empty section.
    public const string SummarySystem =
        "You are an expert note-taker. You will be given a transcript of a call. Summarize the call in 2-3 sentences. " +
        "DO NOT return anything except the summary.";

    public const string StructuredDataSystem =
        "You are an expert data extractor. You will be given a transcript of a call. Extract structured data per the JSON Schema. " +
        "DO NOT return anything except the structured data.\n\nJson Schema:\n{{schema}}\n\nOnly respond with the JSON.";

    public const string SuccessEvaluationSystem =
        "You are an expert call evaluator. You will be given a transcript of a call and the system prompt of the AI participant. " +
        "Determine if the call was successful based on the objectives inferred from the system prompt. " +
        "DO NOT return anything except the result.\n\nRubric:\n{{rubric}}\n\nOnly respond with the result.";

    /// <summary>What each of Vapi's rubric names asks for; <c>{{rubric}}</c> renders as "Name: description".</summary>
    public static readonly IReadOnlyDictionary<string, string> Rubrics = new Dictionary<string, string>
    {
        ["NumericScale"] = "A scale of 1 to 10.",
        ["DescriptiveScale"] = "A scale of Excellent, Good, Fair, Poor.",
        ["Checklist"] = "A checklist of criteria and their status.",
        ["Matrix"] = "A grid that evaluates multiple criteria across different performance levels.",
        ["PercentageScale"] = "A scale of 0% to 100%.",
        ["LikertScale"] = "A scale of Strongly Agree, Agree, Neutral, Disagree, Strongly Disagree.",
        ["AutomaticRubric"] = "Automatically break down evaluation into several criteria, each with its own score.",
        ["PassFail"] = "A simple 'true' if call passed, 'false' if not.",
    };

    public static string RubricText(string rubric) =>
        Rubrics.TryGetValue(rubric, out var description) ? rubric + ": " + description : rubric;

    /// <summary>The default user turn: the transcript, then the ended reason (and system prompt) when known.</summary>
    public static string DefaultUserMessage(JsonObject variables, bool withSystemPrompt)
    {
        var text = "Here is the transcript:\n\n{{transcript}}\n\n";
        if (withSystemPrompt && !string.IsNullOrEmpty(JsonRead.String(variables["systemPrompt"])))
            text += "Here was the system prompt of the call:\n\n{{systemPrompt}}\n\n";
        if (!string.IsNullOrEmpty(JsonRead.String(variables["endedReason"])))
            text += "Here is the ended reason of the call:\n\n{{endedReason}}\n\n";
        return text;
    }

    /// <summary>
    /// The plan's messages rendered, or the default pair (system, user) when the plan has none. A legacy flat prompt
    /// (<c>summaryPrompt</c>...) replaces only the default system message, as it did in Vapi's older API.
    /// </summary>
    public static List<ChatMessage> Build(JsonArray? planMessages, string? legacySystemPrompt, string defaultSystem,
        bool userMessageWithSystemPrompt, JsonObject variables, ITemplateRenderer? renderer)
    {
        var custom = planMessages?.OfType<JsonObject>().Select(m => ToChatMessage(m, variables, renderer)).OfType<ChatMessage>().ToList();
        if (custom is { Count: > 0 }) return custom;

        var system = string.IsNullOrWhiteSpace(legacySystemPrompt) ? defaultSystem : legacySystemPrompt;
        return
        [
            ChatMessage.System(Render(system, variables, renderer)),
            ChatMessage.User(Render(DefaultUserMessage(variables, userMessageWithSystemPrompt), variables, renderer)),
        ];
    }

    private static ChatMessage? ToChatMessage(JsonObject message, JsonObject variables, ITemplateRenderer? renderer)
    {
        // Content may be a string or OpenAI content parts; only text is meaningful for an analysis prompt.
        var content = message["content"] switch
        {
            JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => JsonRead.String(p["text"]) ?? "")),
            var node => JsonRead.Text(node) ?? "",
        };
        var rendered = Render(content, variables, renderer);
        return JsonRead.String(message["role"]) switch
        {
            "system" or "developer" => ChatMessage.System(rendered),
            "user" => ChatMessage.User(rendered),
            "assistant" => ChatMessage.Assistant(rendered),
            _ => null, // tool/function messages need a call to answer; an analysis prompt has none.
        };
    }

    /// <summary>
    /// Liquid when a renderer is given (the one engine for every <c>{{...}}</c>); a user's broken template falls back
    /// to plain placeholder substitution rather than losing the analysis.
    /// </summary>
    public static string Render(string template, JsonObject variables, ITemplateRenderer? renderer)
    {
        if (!template.Contains("{{", StringComparison.Ordinal)) return template;
        if (renderer is not null)
        {
            try { return renderer.Render(template, variables); }
            catch (Exception) { /* fall through to the simple substitution below */ }
        }
        // Unknown names render empty, as Liquid renders an undefined variable.
        return Placeholder().Replace(template, m => JsonRead.Text(variables[m.Groups[1].Value]) ?? "");
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
