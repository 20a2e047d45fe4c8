using System.Text.Json.Nodes;
using Parley.Core.Json;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// What a call used, in Vapi's <c>costs</c> and <c>costBreakdown</c> shapes: minutes of transport and transcriber,
/// the model's tokens and the characters voiced. Self-hosted, every price is 0; the amounts are what a caller of the
/// API budgets and bills by.
/// </summary>
public sealed class CallUsage
{
    private long _promptTokens;
    private long _completionTokens;
    private long _cachedPromptTokens;

    /// <summary>Characters handed to the voice (fixed messages and the model's words alike).</summary>
    public long VoiceCharacters { get; private set; }

    public void ModelAnswered(ChatUsage usage)
    {
        _promptTokens += usage.PromptTokens;
        _completionTokens += usage.CompletionTokens;
        _cachedPromptTokens += usage.CachedPromptTokens;
    }

    public void Voiced(string text) => VoiceCharacters += text.Length;

    /// <summary>The <c>costs</c> list: one entry per part the assistant names, each with cost 0.</summary>
    public JsonArray Costs(JsonObject assistant, string transportProvider, TimeSpan duration)
    {
        var minutes = Math.Round(duration.TotalMinutes, 4);
        var costs = new JsonArray { new JsonObject { ["type"] = "transport", ["provider"] = transportProvider, ["minutes"] = minutes, ["cost"] = 0 } };
        if (Named(assistant["transcriber"], "model", "language") is { } transcriber)
            costs.Add(new JsonObject { ["type"] = "transcriber", ["transcriber"] = transcriber, ["minutes"] = minutes, ["cost"] = 0 });
        if (Named(assistant["model"], "model") is { } model)
            costs.Add(new JsonObject
            {
                ["type"] = "model", ["model"] = model, ["promptTokens"] = _promptTokens, ["completionTokens"] = _completionTokens,
                ["cachedPromptTokens"] = _cachedPromptTokens, ["cost"] = 0,
            });
        if (Named(assistant["voice"], "voiceId", "model") is { } voice)
            costs.Add(new JsonObject { ["type"] = "voice", ["voice"] = voice, ["characters"] = VoiceCharacters, ["cost"] = 0 });
        return costs;
    }

    /// <summary>The <c>costBreakdown</c>: every amount of money 0, the token and character counts as used.</summary>
    public JsonObject Breakdown() => new()
    {
        ["transport"] = 0, ["stt"] = 0, ["llm"] = 0, ["tts"] = 0, ["vapi"] = 0, ["total"] = 0,
        ["llmPromptTokens"] = _promptTokens,
        ["llmCompletionTokens"] = _completionTokens,
        ["llmCachedPromptTokens"] = _cachedPromptTokens,
        ["ttsCharacters"] = VoiceCharacters,
    };

    /// <summary>
    /// Adds the end-of-call analysis to a report's <c>costs</c> (one <c>analysis</c> entry per part) and
    /// <c>costBreakdown.analysisCostBreakdown</c>, each at cost 0.
    /// </summary>
    public static void AddAnalysis(JsonObject report, JsonObject assistant, IReadOnlyDictionary<string, ChatUsage> usage)
    {
        if (usage.Count == 0) return;
        var costs = report["costs"] as JsonArray ?? [];
        report["costs"] = costs;
        var breakdown = new JsonObject();
        foreach (var (part, used) in usage)
        {
            costs.Add(new JsonObject
            {
                ["type"] = "analysis", ["analysisType"] = part, ["model"] = Named(assistant["model"], "model"),
                ["promptTokens"] = used.PromptTokens, ["completionTokens"] = used.CompletionTokens,
                ["cachedPromptTokens"] = used.CachedPromptTokens, ["cost"] = 0,
            });
            breakdown[part] = 0;
            breakdown[part + "PromptTokens"] = used.PromptTokens;
            breakdown[part + "CompletionTokens"] = used.CompletionTokens;
            breakdown[part + "CachedPromptTokens"] = used.CachedPromptTokens;
        }
        if (report["costBreakdown"] is JsonObject total) total["analysisCostBreakdown"] = breakdown;
    }

    /// <summary>
    /// A provider block cut to its provider and the named fields: the block itself may carry a server's secret or
    /// headers, which a report must not repeat.
    /// </summary>
    private static JsonObject? Named(JsonNode? block, params string[] fields) =>
        JsonRead.String(block?["provider"]) is null ? null : JsonPick.Strings(block, ["provider", .. fields]);
}
