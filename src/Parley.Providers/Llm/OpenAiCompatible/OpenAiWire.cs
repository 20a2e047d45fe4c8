using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Providers.Llm.OpenAiCompatible;

/// <summary>A <c>chat.completion.chunk</c> (streamed) or <c>chat.completion</c> (whole) answer, or an error object.</summary>
internal sealed record OpenAiChunk(List<OpenAiChoice>? Choices, OpenAiUsage? Usage, JsonElement? Error);

internal sealed record OpenAiChoice(int Index, OpenAiMessage? Delta, OpenAiMessage? Message, string? FinishReason);

internal sealed record OpenAiMessage(string? Role, string? Content, List<OpenAiToolCall>? ToolCalls);

internal sealed record OpenAiToolCall(int? Index, string? Id, string? Type, OpenAiFunction? Function);

/// <summary>Arguments are a JSON string per OpenAI; some custom servers send an object, so both are accepted.</summary>
internal sealed record OpenAiFunction(string? Name, JsonElement? Arguments);

internal sealed record OpenAiUsage(int PromptTokens, int CompletionTokens, OpenAiPromptDetails? PromptTokensDetails);

internal sealed record OpenAiPromptDetails(int CachedTokens);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OpenAiChunk))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
