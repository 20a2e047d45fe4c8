using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.Anthropic;

/// <summary>
/// Builds the Messages request body: system prompts go to top-level <c>system</c>, tool results become
/// <c>tool_result</c> blocks in a user message, and consecutive same-role messages are merged (the API requires alternation).
/// </summary>
internal static class AnthropicRequestBody
{
    /// <summary>Vapi's default maxTokens; Anthropic requires the field.</summary>
    public const int DefaultMaxTokens = 250;

    public static JsonObject Build(ChatRequest request)
    {
        var body = new JsonObject
        {
            ["model"] = request.Model,
            ["max_tokens"] = request.MaxTokens ?? DefaultMaxTokens,
        };
        var system = string.Join("\n\n", request.Messages
            .Where(m => m.Role == ChatRole.System && !string.IsNullOrEmpty(m.Content)).Select(m => m.Content));
        if (system.Length > 0) body["system"] = system;
        body["messages"] = Messages(request.Messages);
        if (request.Tools.Count > 0)
            body["tools"] = new JsonArray(request.Tools.Select(Tool).ToArray<JsonNode?>());
        if (request.Temperature is { } temperature) body["temperature"] = temperature;
        body["stream"] = true;
        return body;
    }

    private static JsonArray Messages(IReadOnlyList<ChatMessage> messages)
    {
        var result = new JsonArray();
        string? lastRole = null;
        JsonArray? lastContent = null;
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System) continue;
            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var blocks = Blocks(message);
            if (blocks.Count == 0) continue;
            if (role != lastRole || lastContent is null)
            {
                lastContent = [];
                result.Add(new JsonObject { ["role"] = role, ["content"] = lastContent });
                lastRole = role;
            }
            foreach (var block in blocks) lastContent.Add(block);
        }
        return result;
    }

    private static List<JsonObject> Blocks(ChatMessage message)
    {
        var blocks = new List<JsonObject>();
        if (message.Role == ChatRole.Tool)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "tool_result",
                ["tool_use_id"] = message.ToolCallId,
                ["content"] = message.Content ?? "",
            });
            return blocks;
        }
        if (!string.IsNullOrEmpty(message.Content))
            blocks.Add(new JsonObject { ["type"] = "text", ["text"] = message.Content });
        foreach (var call in message.ToolCalls)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = call.Id,
                ["name"] = call.Name,
                ["input"] = Input(call.ArgumentsJson),
            });
        }
        return blocks;
    }

    // tool_use.input must be an object; models occasionally produce empty or broken argument text.
    private static JsonNode Input(string argumentsJson)
    {
        if (string.IsNullOrWhiteSpace(argumentsJson)) return new JsonObject();
        try
        {
            return JsonNode.Parse(argumentsJson) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }

    private static JsonObject Tool(ToolDefinition tool)
    {
        var node = new JsonObject { ["name"] = tool.Name };
        if (tool.Description is not null) node["description"] = tool.Description;
        node["input_schema"] = tool.Parameters.DeepClone();
        return node;
    }
}
