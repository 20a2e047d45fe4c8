using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Templates;
using Parley.Core.Tools.Rules;

namespace Parley.Core.Tools;

/// <summary>
/// Vapi's per-call tool rules: the <c>rejectionPlan</c> checked over the conversation, and the tool's
/// <c>messages</c> chosen by event and conditions, their text rendered with Liquid over the variables and arguments.
/// </summary>
public sealed class VapiToolRules(ITemplateRenderer templates) : IToolCallRules
{
    private readonly RejectionPlanEvaluator _rejections = new(templates);

    /// <summary>
    /// Whether a tool with no request-start message of its own gets one of Vapi's default fillers: in a call, where the
    /// wait is heard; a chat's caller sees the answer when it comes.
    /// </summary>
    public bool FillsSilence { get; init; }

    public string? RejectionReason(ResolvedTool tool, ConversationContext context)
    {
        // Conditions look at the conversation that led to the call: the assistant's own tool-call message is not
        // part of it (otherwise "the last message" would always be that message, not what the caller said).
        var history = context.History;
        var messages = history.Count > 0 && history[^1] is { Role: Llm.ChatRole.Assistant, ToolCalls.Count: > 0 }
            ? history.Take(history.Count - 1).ToList()
            : history;
        var decision = _rejections.Evaluate(tool.Definition["rejectionPlan"] as JsonObject, messages, context.TemplateScope());
        return decision.Rejected ? decision.Reason ?? "the tool's rejection plan matched" : null;
    }

    public IReadOnlyList<ToolMessage> Messages(ResolvedTool tool, string type, JsonObject arguments, ConversationContext context)
    {
        var selected = ToolMessageSelector.Select(tool.Definition["messages"] as JsonArray, type, arguments);
        if (selected.Count == 0)
            return FillsSilence && type == ToolMessageEvent.RequestStart && ToolMessageVariants.FillsSilence(tool) ? DefaultFillers : [];
        var scope = context.TemplateScope(arguments);
        return selected
            .Where(m => !string.IsNullOrEmpty(m.Content))
            .Select(m => new ToolMessage(m.Type, Render(m.Content!, scope), m.Role, m.EndCallAfterSpoken, m.TimingMilliseconds, m.Blocking))
            .ToList();
    }

    /// <summary>Vapi's request-start fillers for a tool with none of its own, as variants of one message.</summary>
    private static readonly IReadOnlyList<ToolMessage> DefaultFillers =
        ToolMessageSelector.DefaultRequestStartFillers.Select(f => new ToolMessage(ToolMessageEvent.RequestStart, f)).ToList();

    private string Render(string text, JsonObject scope) => SpokenTemplates.Render(templates, text, () => scope);
}
