using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Core.Conversations;

/// <summary>Converts between <see cref="ChatMessage"/> and the OpenAI message JSON Vapi uses on the wire.</summary>
public static class OpenAiMessages
{
    public static JsonObject ToJson(ChatMessage message)
    {
        var json = new JsonObject { ["role"] = RoleName(message.Role) };
        if (message.Role == ChatRole.Tool)
        {
            json["tool_call_id"] = message.ToolCallId;
            json["content"] = message.Content ?? "";
            if (message.Name is not null) json["name"] = message.Name;
            return json;
        }
        json["content"] = message.Content;
        if (message.ToolCalls.Count > 0)
        {
            json["tool_calls"] = new JsonArray(message.ToolCalls.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
            }).ToArray());
        }
        return json;
    }

    /// <summary>The roles <see cref="FromJson"/> reads.</summary>
    public const string KnownRoles = "system, developer, user, assistant, tool";

    /// <summary>Reads an OpenAI-format message; null when the role is not one a model understands. Never throws on bad parts.</summary>
    public static ChatMessage? FromJson(JsonObject json)
    {
        var role = Json.JsonRead.String(json["role"]);
        var content = ContentText(json["content"]);
        switch (role)
        {
            case "system":
            case "developer":
                return ChatMessage.System(content ?? "");
            case "user":
                return ChatMessage.User(content ?? "");
            case "assistant":
                // Sent by clients (add-message), so any part may be of the wrong kind: a call without a function object is skipped.
                var calls = (json["tool_calls"] as JsonArray)?.OfType<JsonObject>()
                    .Where(c => c["function"] is JsonObject)
                    .Select(c => (Call: c, Function: (JsonObject)c["function"]!))
                    .Select(c => new ToolCall(
                        Json.JsonRead.String(c.Call["id"]) ?? "",
                        Json.JsonRead.String(c.Function["name"]) ?? "",
                        c.Function["arguments"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : c.Function["arguments"]?.ToJsonString() ?? "{}"))
                    .ToList() ?? [];
                return ChatMessage.Assistant(content, calls);
            case "tool":
                return ChatMessage.ToolResult(Json.JsonRead.String(json["tool_call_id"]) ?? "", Json.JsonRead.String(json["name"]) ?? "", content ?? "");
            default:
                return null;
        }
    }

    public static string RoleName(ChatRole role) => role switch
    {
        ChatRole.System => "system",
        ChatRole.User => "user",
        ChatRole.Assistant => "assistant",
        ChatRole.Tool => "tool",
        _ => "user",
    };

    /// <summary>Content may be a string or OpenAI's array of parts; only text parts are kept.</summary>
    private static string? ContentText(JsonNode? content) => content switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => Json.JsonRead.String(p["text"]) ?? "")),
        _ => null,
    };
}
