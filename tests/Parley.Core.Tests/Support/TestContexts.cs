using System.Text.Json.Nodes;
using Parley.Core.Conversations;

namespace Parley.Core.Tests.Support;

/// <summary>Conversation contexts for tests: a fixed clock and a scope of just the variables.</summary>
public static class TestContexts
{
    public static ConversationContext Create(JsonObject? assistant = null, JsonObject? variables = null, JsonObject? org = null) => new()
    {
        OrgId = "org-1",
        Assistant = assistant ?? new JsonObject { ["name"] = "Test" },
        VariableValues = variables ?? new JsonObject(),
        Org = org,
        Clock = TimeProvider.System,
        ScopeBuilder = (context, extra) =>
        {
            var scope = (JsonObject)context.VariableValues.DeepClone();
            foreach (var (key, value) in extra ?? new JsonObject()) scope[key] = value?.DeepClone();
            return scope;
        },
    };
}
