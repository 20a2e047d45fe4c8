using System.Text.Json;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.OpenAiCompatible;

/// <summary>
/// Decodes OpenAI Chat Completions chunks. <c>finish_reason</c> arrives before the usage-only chunk that
/// <c>stream_options.include_usage</c> adds, so completion is reported at <c>[DONE]</c> (or at the end of the body).
/// </summary>
internal sealed class OpenAiStreamDecoder(string provider) : IChatStreamDecoder
{
    private ChatFinishReason? _finish;
    private ChatUsage _usage = ChatUsage.None;

    public void Decode(SseEvent sse, List<ChatDelta> output)
    {
        var data = sse.Data.Trim();
        if (data.Length == 0) return;
        if (data == "[DONE]")
        {
            output.Add(new ChatCompleted(_finish ?? ChatFinishReason.Stop, _usage));
            return;
        }
        if (Parse(data, output) is not { } chunk) return;
        if (chunk.Error is { } error)
        {
            output.Add(new ChatFailed(ProviderFailureKind.Transient, null, $"{provider} reported an error mid-answer: {Describe(error)}"));
            return;
        }
        Apply(chunk, useMessage: false, output);
    }

    public ChatDelta Finish() => _finish is { } reason
        ? new ChatCompleted(reason, _usage)
        : HttpFailures.Malformed(provider, "the stream ended before finish_reason or [DONE]");

    public void DecodeWhole(string json, List<ChatDelta> output)
    {
        if (Parse(json, output) is not { } chunk) return;
        if (chunk.Error is { } error)
        {
            output.Add(new ChatFailed(ProviderFailureKind.Transient, null, $"{provider} reported an error: {Describe(error)}"));
            return;
        }
        Apply(chunk, useMessage: true, output);
        output.Add(new ChatCompleted(_finish ?? ChatFinishReason.Stop, _usage));
    }

    private OpenAiChunk? Parse(string json, List<ChatDelta> output)
    {
        try
        {
            return JsonSerializer.Deserialize(json, OpenAiJsonContext.Default.OpenAiChunk)
                ?? throw new JsonException("null chunk");
        }
        catch (JsonException e)
        {
            output.Add(HttpFailures.Malformed(provider, $"{e.Message} in \"{Clip(json)}\""));
            return null;
        }
    }

    private void Apply(OpenAiChunk chunk, bool useMessage, List<ChatDelta> output)
    {
        if (chunk.Usage is { } usage)
            _usage = new ChatUsage(usage.PromptTokens, usage.CompletionTokens, usage.PromptTokensDetails?.CachedTokens ?? 0);
        if (chunk.Choices is not { Count: > 0 } choices) return;

        // Only the first choice is spoken; n > 1 is never requested.
        var choice = choices[0];
        var message = useMessage ? choice.Message ?? choice.Delta : choice.Delta ?? choice.Message;
        if (message is not null)
        {
            if (!string.IsNullOrEmpty(message.Content)) output.Add(new ChatTextDelta(message.Content));
            if (message.ToolCalls is { } calls)
            {
                for (var i = 0; i < calls.Count; i++)
                {
                    var call = calls[i];
                    output.Add(new ChatToolCallDelta(call.Index ?? i, call.Id, call.Function?.Name, ArgumentsText(call.Function?.Arguments)));
                }
            }
        }
        if (choice.FinishReason is { } finish) _finish = MapFinish(finish);
    }

    private static string ArgumentsText(JsonElement? arguments) => arguments switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } s => s.GetString() ?? "",
        { ValueKind: JsonValueKind.Null } => "",
        { } other => other.GetRawText(),
    };

    private static ChatFinishReason MapFinish(string reason) => reason switch
    {
        "stop" => ChatFinishReason.Stop,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Other,
    };

    private static string Describe(JsonElement error) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : Clip(error.GetRawText());

    private static string Clip(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
