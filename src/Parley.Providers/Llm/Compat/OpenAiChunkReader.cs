using System.Text.Json.Nodes;
using Parley.Core.Json;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.Compat;

/// <summary>Turns chat-completion chunks (or a whole completion) into deltas, remembering finish reason and usage.</summary>
public sealed class OpenAiChunkReader(string provider)
{
    private ChatFinishReason _finish = ChatFinishReason.Stop;
    private ChatUsage _usage = ChatUsage.None;

    public IEnumerable<ChatDelta> Chunk(JsonObject? chunk)
    {
        if (chunk is null) yield break;
        if (chunk["error"] is { } error)
        {
            yield return new ChatFailed(ProviderFailureKind.Transient, null, $"{provider} reported an error mid-stream: {error["message"] ?? error}");
            yield break;
        }
        ReadUsage(chunk["usage"]);
        if (chunk["choices"] is not JsonArray { Count: > 0 } choices || choices[0] is not JsonObject choice) yield break;
        foreach (var delta in Message(choice["delta"] as JsonObject ?? choice["message"] as JsonObject)) yield return delta;
        if (JsonRead.String(choice["finish_reason"]) is { } finish) _finish = Finish(finish);
    }

    /// <summary>A non-streamed <c>chat.completion</c>: its message becomes deltas, then completion.</summary>
    public IEnumerable<ChatDelta> Completion(JsonObject? completion)
    {
        foreach (var delta in Chunk(completion)) yield return delta;
        yield return Finish();
    }

    public ChatCompleted Finish() => new(_finish, _usage);

    private static IEnumerable<ChatDelta> Message(JsonObject? message)
    {
        if (message is null) yield break;
        if (JsonRead.String(message["content"]) is { Length: > 0 } text) yield return new ChatTextDelta(text);
        foreach (var call in (message["tool_calls"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var index = (int)(JsonRead.Number(call["index"]) ?? 0);
            var function = call["function"] as JsonObject;
            var arguments = function?["arguments"] switch
            {
                JsonValue v when JsonRead.String(v) is { } s => s,
                JsonObject o => o.ToJsonString(),
                _ => "",
            };
            yield return new ChatToolCallDelta(index, JsonRead.String(call["id"]), JsonRead.String(function?["name"]), arguments);
        }
    }

    private void ReadUsage(JsonNode? usage)
    {
        if (usage is not JsonObject u) return;
        _usage = new ChatUsage(
            (int)(JsonRead.Number(u["prompt_tokens"]) ?? 0),
            (int)(JsonRead.Number(u["completion_tokens"]) ?? 0),
            (int)(JsonRead.Number(u["prompt_tokens_details"]?["cached_tokens"]) ?? 0));
    }

    private static ChatFinishReason Finish(string reason) => reason switch
    {
        "stop" => ChatFinishReason.Stop,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => ChatFinishReason.Other,
    };
}
