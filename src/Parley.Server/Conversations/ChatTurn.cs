using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Llm;

namespace Parley.Server.Conversations;

/// <summary>What one chat turn produced.</summary>
public sealed record ChatTurnOutcome(IReadOnlyList<JsonObject> Output, IReadOnlyList<JsonObject> ToolMessages, AssistantTurnFailed? Failure);

/// <summary>
/// Runs one assistant turn of a chat, optionally streaming it as Vapi's SSE deltas
/// (<c>data: {"id", "path": "chat.output[n].content", "delta"}</c>); tool messages go out as
/// <c>event: tool.message</c> so plain <c>onmessage</c> readers only see text.
/// </summary>
public static class ChatTurn
{
    public static async Task<ChatTurnOutcome> RunAsync(ConversationKit kit, string chatId, HttpResponse? stream, ILogger logger,
        CancellationToken cancellationToken)
    {
        var toolMessages = new List<JsonObject>();
        IReadOnlyList<JsonObject> output = [];
        AssistantTurnFailed? failure = null;
        var outputIndex = 0;
        var sawText = false;

        await foreach (var e in kit.Runner.RespondAsync(kit.Context, kit.Settings, cancellationToken))
        {
            switch (e)
            {
                case AssistantTextDelta text when stream is not null:
                    sawText = true;
                    await Write(stream, null, new JsonObject { ["id"] = chatId, ["path"] = $"chat.output[{outputIndex}].content", ["delta"] = text.Text }, cancellationToken);
                    break;
                case ToolCallsRequested:
                    // The tool-call message and the tool results take output slots before the next text.
                    if (sawText) outputIndex++;
                    sawText = false;
                    break;
                case ToolCallCompleted:
                    outputIndex++;
                    break;
                case ToolMessageTriggered message:
                    var json = new JsonObject
                    {
                        ["type"] = message.MessageType, ["toolCallId"] = message.ToolCallId, ["toolName"] = message.ToolName,
                        ["role"] = message.Role, ["content"] = message.Content,
                    };
                    toolMessages.Add(json);
                    // Nothing is spoken in a chat: a blocking message holds nothing up, even if the stream's client is gone.
                    message.Said?.TrySetResult();
                    if (stream is not null) await Write(stream, "tool.message", json, cancellationToken);
                    break;
                case AssistantTurnCompleted done:
                    output = done.Output;
                    break;
                case AssistantTurnFailed failed:
                    failure = failed;
                    logger.LogWarning("Chat {ChatId}: the model failed ({Kind}, {Status}): {Message}", chatId, failed.Kind, failed.StatusCode, failed.Message);
                    if (stream is not null)
                        await Write(stream, "error", new JsonObject { ["id"] = chatId, ["message"] = failed.Message }, cancellationToken);
                    break;
            }
        }
        return new ChatTurnOutcome(output, toolMessages, failure);
    }

    private static async Task Write(HttpResponse response, string? eventName, JsonObject data, CancellationToken cancellationToken)
    {
        var frame = (eventName is null ? "" : $"event: {eventName}\n") + $"data: {data.ToJsonString()}\n\n";
        await response.WriteAsync(frame, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
