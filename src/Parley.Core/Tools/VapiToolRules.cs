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

    public string? RejectionReason(ResolvedTool tool, ConversationContext context)
    {
        var decision = _rejections.Evaluate(tool.Definition["rejectionPlan"] as JsonObject, context.History, context.TemplateScope());
        return decision.Rejected ? decision.Reason ?? "the tool's rejection plan matched" : null;
    }

    public IReadOnlyList<ToolMessage> Messages(ResolvedTool tool, string type, JsonObject arguments, ConversationContext context)
    {
        var selected = ToolMessageSelector.Select(tool.Definition["messages"] as JsonArray, type, arguments);
        if (selected.Count == 0) return [];
        var scope = context.TemplateScope(arguments);
        return selected
            .Where(m => !string.IsNullOrEmpty(m.Content))
            .Select(m => new ToolMessage(m.Type, Render(m.Content!, scope), m.Role, m.EndCallAfterSpoken, m.TimingMilliseconds, m.Blocking))
            .ToList();
    }

    private string Render(string text, JsonObject scope)
    {
        if (!text.Contains("{{") && !text.Contains("{%")) return text;
        try { return templates.Render(text, scope); }
        catch (Exception) { return text; }
    }
}
