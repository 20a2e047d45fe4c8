using System.Text.Json.Serialization;

namespace Parley.Providers.Llm.Anthropic;

/// <summary>
/// Every Messages streaming event in one shape (message_start, content_block_start/delta/stop, message_delta,
/// message_stop, ping, error); absent members stay null.
/// </summary>
internal sealed record AnthropicEvent(
    string? Type,
    int? Index,
    AnthropicMessage? Message,
    AnthropicContentBlock? ContentBlock,
    AnthropicDelta? Delta,
    AnthropicUsage? Usage,
    AnthropicError? Error);

internal sealed record AnthropicMessage(string? Id, AnthropicUsage? Usage, List<AnthropicContentBlock>? Content, string? StopReason);

internal sealed record AnthropicContentBlock(string? Type, string? Id, string? Name, string? Text, System.Text.Json.JsonElement? Input);

internal sealed record AnthropicDelta(string? Type, string? Text, string? PartialJson, string? StopReason);

internal sealed record AnthropicUsage(int? InputTokens, int? OutputTokens, int? CacheReadInputTokens);

internal sealed record AnthropicError(string? Type, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AnthropicEvent))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
