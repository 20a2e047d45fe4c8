using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Core.Http;
using Parley.Core.Llm;
using Parley.Core.Templates;

using Parley.Core.Json;
using Parley.Core.Text;

namespace Parley.Core.Tools.Rules;

/// <summary>
/// Evaluates a tool's rejectionPlan over the conversation: every top-level condition (regex, liquid, group) must
/// match for the call to be rejected; no conditions means the tool runs.
/// </summary>
public sealed class RejectionPlanEvaluator(ITemplateRenderer renderer)
{
    /// <param name="rejectionPlan">The tool's <c>rejectionPlan</c> (<c>{conditions: [...]}</c>) or null.</param>
    /// <param name="messages">The conversation so far, oldest first.</param>
    /// <param name="variables">The call's variables, visible to liquid conditions next to <c>messages</c>.</param>
    public RejectionDecision Evaluate(JsonObject? rejectionPlan, IReadOnlyList<ChatMessage> messages, JsonObject? variables)
    {
        var warnings = new List<string>();
        if (rejectionPlan?["conditions"] is not JsonArray { Count: > 0 } conditions) return RejectionDecision.Run(warnings);

        var context = new Context(messages, variables, warnings);
        var reasons = new List<string>();
        foreach (var condition in conditions)
        {
            if (!Matches(condition, context, out var reason)) return RejectionDecision.Run(warnings);
            reasons.Add(reason);
        }
        return new RejectionDecision(true, string.Join(" and ", reasons), warnings);
    }

    private bool Matches(JsonNode? condition, Context context, out string reason)
    {
        reason = "";
        if (condition is not JsonObject obj)
        {
            context.Warnings.Add("A rejection condition is not an object; it never matches.");
            return false;
        }
        switch (JsonRead.String(obj["type"]))
        {
            case "regex":
                return MatchesRegex(obj, context, out reason);
            case "liquid":
                return MatchesLiquid(obj, context, out reason);
            case "group":
                return MatchesGroup(obj, context, out reason);
            case var type:
                context.Warnings.Add($"Unknown rejection condition type '{type}'; it never matches.");
                return false;
        }
    }

    private static bool MatchesRegex(JsonObject condition, Context context, out string reason)
    {
        var pattern = JsonRead.String(condition["regex"]) ?? "";
        var negate = JsonRead.Bool(condition["negate"]) ?? false;
        var target = condition["target"] as JsonObject;
        var position = (int)(JsonRead.NumberOrNumericString(target?["position"]) ?? -1);
        var role = JsonRead.String(target?["role"]);
        var where = $"{(role is null ? "message" : role + " message")} at position {position}";
        reason = $"regex /{pattern}/ {(negate ? "did not match" : "matched")} the {where}";

        var message = Target(context.Messages, position, role);
        if (message is null) return false;

        Regex regex;
        try
        {
            regex = JsRegex.Create(pattern);
        }
        catch (ArgumentException e)
        {
            context.Warnings.Add($"Rejection regex /{pattern}/ is invalid ({e.Message}); it never matches.");
            return false;
        }
        try
        {
            return regex.IsMatch(message.Content ?? "") != negate;
        }
        catch (RegexMatchTimeoutException)
        {
            context.Warnings.Add($"Rejection regex /{pattern}/ timed out; it counts as not matching.");
            return false;
        }
    }

    private bool MatchesLiquid(JsonObject condition, Context context, out string reason)
    {
        var template = JsonRead.String(condition["liquid"]) ?? "";
        reason = "liquid condition rendered true";
        string output;
        try
        {
            output = renderer.Render(template, context.Scope());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Warnings.Add($"Rejection liquid condition failed to render ({e.GetType().Name}: {e.Message}); it never matches.");
            return false;
        }
        switch (output.Trim())
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                context.Warnings.Add("Rejection liquid condition rendered something other than \"true\" or \"false\"; it never matches.");
                return false;
        }
    }

    private bool MatchesGroup(JsonObject condition, Context context, out string reason)
    {
        reason = "";
        var isOr = string.Equals(JsonRead.String(condition["operator"]), "OR", StringComparison.OrdinalIgnoreCase);
        // An empty group has nothing to say either way, so it never causes a rejection.
        if (condition["conditions"] is not JsonArray { Count: > 0 } members) return false;

        var reasons = new List<string>();
        foreach (var member in members)
        {
            var matched = Matches(member, context, out var memberReason);
            if (isOr && matched)
            {
                reason = memberReason;
                return true;
            }
            if (!isOr && !matched) return false;
            reasons.Add(memberReason);
        }
        reason = "(" + string.Join(" and ", reasons) + ")";
        return !isOr;
    }

    private static ChatMessage? Target(IReadOnlyList<ChatMessage> messages, int position, string? role)
    {
        IReadOnlyList<ChatMessage> candidates = role is null
            ? messages
            : messages.Where(m => string.Equals(RoleName(m.Role), role, StringComparison.OrdinalIgnoreCase)).ToList();
        var index = position < 0 ? candidates.Count + position : position;
        return index >= 0 && index < candidates.Count ? candidates[index] : null;
    }

    internal static string RoleName(ChatRole role) => role switch
    {
        ChatRole.System => "system",
        ChatRole.User => "user",
        ChatRole.Assistant => "assistant",
        _ => "tool",
    };

    private sealed class Context(IReadOnlyList<ChatMessage> messages, JsonObject? variables, List<string> warnings)
    {
        private JsonObject? _scope;

        public IReadOnlyList<ChatMessage> Messages => messages;
        public List<string> Warnings => warnings;

        /// <summary>Built once per evaluation and only when a liquid condition needs it.</summary>
        public JsonObject Scope()
        {
            if (_scope is not null) return _scope;
            var scope = new JsonObject();
            if (variables is not null)
                foreach (var (name, value) in variables) scope[name] = value?.DeepClone();
            var list = new JsonArray();
            foreach (var message in messages)
                list.Add(new JsonObject { ["role"] = RoleName(message.Role), ["content"] = message.Content });
            scope["messages"] = list;
            return _scope = scope;
        }
    }
}
