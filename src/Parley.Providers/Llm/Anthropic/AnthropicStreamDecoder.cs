using System.Text.Json;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.Anthropic;

/// <summary>
/// Decodes Messages streaming events. Content block indexes count text and tool_use blocks together, so tool
/// calls are renumbered 0, 1, 2... in the order their blocks start.
/// </summary>
internal sealed class AnthropicStreamDecoder(string provider) : IChatStreamDecoder
{
    private readonly Dictionary<int, int> _toolOrdinalByBlock = [];
    private int _inputTokens, _outputTokens, _cachedTokens;
    private ChatFinishReason _finish = ChatFinishReason.Stop;

    public void Decode(SseEvent sse, List<ChatDelta> output)
    {
        if (Parse(sse.Data, output) is not { } ev) return;
        switch (ev.Type ?? sse.Name)
        {
            case "message_start":
                AddUsage(ev.Message?.Usage);
                break;
            case "content_block_start" when ev.ContentBlock is { } block:
                if (block.Type == "tool_use")
                {
                    var ordinal = _toolOrdinalByBlock.Count;
                    _toolOrdinalByBlock[ev.Index ?? ordinal] = ordinal;
                    output.Add(new ChatToolCallDelta(ordinal, block.Id, block.Name, ""));
                }
                else if (block.Type == "text" && !string.IsNullOrEmpty(block.Text))
                {
                    output.Add(new ChatTextDelta(block.Text));
                }
                break;
            case "content_block_delta" when ev.Delta is { } delta:
                if (delta.Type == "text_delta" && !string.IsNullOrEmpty(delta.Text))
                    output.Add(new ChatTextDelta(delta.Text));
                else if (delta.Type == "input_json_delta" && _toolOrdinalByBlock.TryGetValue(ev.Index ?? -1, out var tool))
                    output.Add(new ChatToolCallDelta(tool, null, null, delta.PartialJson ?? ""));
                break;
            case "message_delta":
                if (ev.Delta?.StopReason is { } reason) _finish = MapStop(reason);
                AddUsage(ev.Usage);
                break;
            case "message_stop":
                output.Add(new ChatCompleted(_finish, Usage()));
                break;
            case "error":
                output.Add(new ChatFailed(ErrorKind(ev.Error?.Type), null,
                    $"{provider} reported an error mid-answer ({ev.Error?.Type}): {ev.Error?.Message}"));
                break;
        }
    }

    public ChatDelta Finish() => HttpFailures.Malformed(provider, "the stream ended before message_stop");

    public void DecodeWhole(string json, List<ChatDelta> output)
    {
        if (Parse(json, output) is not { } ev) return;
        if (ev.Type == "error")
        {
            output.Add(new ChatFailed(ErrorKind(ev.Error?.Type), null, $"{provider} reported an error ({ev.Error?.Type}): {ev.Error?.Message}"));
            return;
        }
        output.Add(HttpFailures.Malformed(provider, "expected an event stream but got a JSON body"));
    }

    private AnthropicEvent? Parse(string json, List<ChatDelta> output)
    {
        try
        {
            return JsonSerializer.Deserialize(json, AnthropicJsonContext.Default.AnthropicEvent) ?? throw new JsonException("null event");
        }
        catch (JsonException e)
        {
            output.Add(HttpFailures.Malformed(provider, $"{e.Message} in \"{(json.Length <= 200 ? json : json[..200] + "…")}\""));
            return null;
        }
    }

    // message_delta carries cumulative output_tokens, so later values replace earlier ones.
    private void AddUsage(AnthropicUsage? usage)
    {
        if (usage is null) return;
        if (usage.InputTokens is { } input) _inputTokens = input;
        if (usage.OutputTokens is { } output) _outputTokens = output;
        if (usage.CacheReadInputTokens is { } cached) _cachedTokens = cached;
    }

    private ChatUsage Usage() => new(_inputTokens + _cachedTokens, _outputTokens, _cachedTokens);

    private static ChatFinishReason MapStop(string reason) => reason switch
    {
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "tool_use" => ChatFinishReason.ToolCalls,
        "max_tokens" => ChatFinishReason.Length,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Other,
    };

    private static ProviderFailureKind ErrorKind(string? type) => type switch
    {
        "authentication_error" or "permission_error" or "invalid_request_error" or "not_found_error" => ProviderFailureKind.Permanent,
        _ => ProviderFailureKind.Transient,
    };
}
