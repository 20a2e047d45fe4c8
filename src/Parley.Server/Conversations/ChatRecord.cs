using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Llm;

namespace Parley.Server.Conversations;

/// <summary>The stored shape of a chat: what the client sent, the context it ran with and what it produced.</summary>
public static class ChatRecord
{
    /// <summary>The messages a follow-up chat (previousChatId) starts from: the earlier context plus its output.</summary>
    public static List<ChatMessage> History(JsonObject chat)
    {
        var history = new List<ChatMessage>();
        foreach (var field in new[] { "messages", "output" })
            foreach (var item in (chat[field] as JsonArray)?.OfType<JsonObject>() ?? [])
                if (OpenAiMessages.FromJson(item) is { } message) history.Add(message);
        return history;
    }

    /// <summary>The input as messages: a string is one user message, an array is taken as OpenAI messages.</summary>
    public static List<ChatMessage> Input(JsonNode? input) => input switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => [ChatMessage.User(text)],
        JsonArray items => items.OfType<JsonObject>().Select(OpenAiMessages.FromJson).OfType<ChatMessage>().ToList(),
        _ => [],
    };

    public static JsonObject VariableValues(JsonObject chat) =>
        chat["artifact"]?["variableValues"] as JsonObject is { } values ? (JsonObject)values.DeepClone() : new JsonObject();
}
