using System.Text.Json.Nodes;
using Parley.Core.Conversations;

namespace Parley.Server.Conversations;

/// <summary>
/// The variables every template of a conversation sees: Vapi's default variables (now, date, time, month, day,
/// year), <c>customer</c>, the conversation's variableValues (which win), then per-use extras (tool arguments).
/// </summary>
public sealed class ConversationScope(Func<TimeProvider, JsonObject?, JsonObject, JsonObject> defaults)
{
    public JsonObject Build(ConversationContext context, JsonObject? extra)
    {
        var scope = defaults(context.Clock, context.Customer, context.VariableValues);
        foreach (var (key, value) in extra ?? []) scope[key] = value?.DeepClone();
        return scope;
    }
}
