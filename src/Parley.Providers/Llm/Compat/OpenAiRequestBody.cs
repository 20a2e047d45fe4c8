using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.Compat;

/// <summary>The chat-completions request body for a <see cref="ChatRequest"/>.</summary>
public static class OpenAiRequestBody
{
    public static JsonObject Build(ChatRequest request)
    {
        var messages = new JsonArray();
        foreach (var message in request.Messages)
        {
            var json = new JsonObject { ["role"] = message.Role switch
            {
                ChatRole.System => "system", ChatRole.User => "user", ChatRole.Assistant => "assistant", _ => "tool",
            } };
            if (message.Role == ChatRole.Tool)
            {
                json["tool_call_id"] = message.ToolCallId;
                json["content"] = message.Content ?? "";
            }
            else
            {
                json["content"] = message.Content;
                if (message.ToolCalls.Count > 0)
                    json["tool_calls"] = new JsonArray(message.ToolCalls.Select(c => (JsonNode?)new JsonObject
                    {
                        ["id"] = c.Id,
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
                    }).ToArray());
            }
            messages.Add(json);
        }

        var body = new JsonObject
        {
            ["model"] = request.Model,
            ["messages"] = messages,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        if (request.Temperature is { } temperature) body["temperature"] = temperature;
        if (request.MaxTokens is { } maxTokens) body["max_tokens"] = maxTokens;
        if (request.Tools.Count > 0)
        {
            body["tools"] = new JsonArray(request.Tools.Select(t =>
            {
                var function = new JsonObject { ["name"] = t.Name, ["parameters"] = t.Parameters.DeepClone() };
                if (t.Description is not null) function["description"] = t.Description;
                if (t.Strict) function["strict"] = true;
                return (JsonNode?)new JsonObject { ["type"] = "function", ["function"] = function };
            }).ToArray());
        }
        foreach (var (key, value) in request.ExtraBody ?? []) body[key] = value?.DeepClone();
        return body;
    }
}
