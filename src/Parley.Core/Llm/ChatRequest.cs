using System.Text.Json.Nodes;

namespace Parley.Core.Llm;

/// <summary>One request to a chat model: the whole conversation so far plus the tools it may call.</summary>
public sealed record ChatRequest
{
    public required string Model { get; init; }
    public required IReadOnlyList<ChatMessage> Messages { get; init; }
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>Extra top-level fields for the provider body (custom-llm metadata, call, customer...).</summary>
    public JsonObject? ExtraBody { get; init; }
}

/// <summary>Roles of chat messages, as OpenAI names them.</summary>
public enum ChatRole { System, User, Assistant, Tool }

/// <summary>A message in the conversation sent to the model.</summary>
public sealed record ChatMessage(ChatRole Role, string? Content)
{
    /// <summary>Tool calls the assistant made in this message (assistant role only).</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>The call this message answers (tool role only).</summary>
    public string? ToolCallId { get; init; }

    /// <summary>The function name this tool message answers (Anthropic and some servers want it).</summary>
    public string? Name { get; init; }

    public static ChatMessage System(string content) => new(ChatRole.System, content);
    public static ChatMessage User(string content) => new(ChatRole.User, content);
    public static ChatMessage Assistant(string? content, IReadOnlyList<ToolCall>? toolCalls = null) =>
        new(ChatRole.Assistant, content) { ToolCalls = toolCalls ?? [] };
    public static ChatMessage ToolResult(string toolCallId, string name, string content) =>
        new(ChatRole.Tool, content) { ToolCallId = toolCallId, Name = name };
}

/// <summary>A complete tool call: id, function name and the raw JSON arguments text.</summary>
public sealed record ToolCall(string Id, string Name, string ArgumentsJson);

/// <summary>A function the model may call, with its JSON-schema parameters.</summary>
public sealed record ToolDefinition(string Name, string? Description, JsonObject Parameters, bool Strict = false);
