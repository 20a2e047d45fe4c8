using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.OpenAiCompatible;

/// <summary>Builds the Chat Completions request body; ExtraBody fields are merged at top level and never replace the core fields.</summary>
internal static class OpenAiRequestBody
{
    public static JsonObject Build(ChatRequest request)
    {
        var body = new JsonObject
        {
            ["model"] = request.Model,
            ["messages"] = new JsonArray(request.Messages.Select(Message).ToArray<JsonNode?>()),
        };
        if (request.Tools.Count > 0)
            body["tools"] = new JsonArray(request.Tools.Select(Tool).ToArray<JsonNode?>());
        if (request.Temperature is { } temperature) body["temperature"] = temperature;
        if (request.MaxTokens is { } maxTokens) body["max_tokens"] = maxTokens;
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        if (request.ExtraBody is { } extra)
        {
            foreach (var (name, value) in extra)
                if (!body.ContainsKey(name)) body[name] = value?.DeepClone();
        }
        return body;
    }

    private static JsonObject Message(ChatMessage message)
    {
        var node = new JsonObject { ["role"] = Role(message.Role) };
        switch (message.Role)
        {
            case ChatRole.Assistant when message.ToolCalls.Count > 0:
                node["content"] = message.Content;
                node["tool_calls"] = new JsonArray(message.ToolCalls.Select(call => (JsonNode?)new JsonObject
                {
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
                }).ToArray());
                break;
            case ChatRole.Tool:
                node["tool_call_id"] = message.ToolCallId;
                node["content"] = message.Content ?? "";
                break;
            default:
                node["content"] = message.Content ?? "";
                break;
        }
        return node;
    }

    private static JsonObject Tool(ToolDefinition tool)
    {
        var function = new JsonObject { ["name"] = tool.Name };
        if (tool.Description is not null) function["description"] = tool.Description;
        function["parameters"] = tool.Parameters.DeepClone();
        if (tool.Strict) function["strict"] = true;
        return new JsonObject { ["type"] = "function", ["function"] = function };
    }

    private static string Role(ChatRole role) => role switch
    {
        ChatRole.System => "system",
        ChatRole.User => "user",
        ChatRole.Assistant => "assistant",
        _ => "tool",
    };
}
