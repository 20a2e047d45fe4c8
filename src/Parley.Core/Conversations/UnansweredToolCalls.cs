using Parley.Core.Llm;

namespace Parley.Core.Conversations;

/// <summary>
/// Answers the tool calls a reply left without results (the caller cut in while they ran, or the reply failed). Every
/// model provider rejects a history in which an assistant's tool call has no tool message after it, so the next turn
/// would fail.
/// </summary>
public static class UnansweredToolCalls
{
    public const string InterruptedResult = "This tool call was cut off before it finished (the caller interrupted or the reply failed); it may not have run.";

    /// <summary>Inserts a result after each tool call that has none, right behind the results its message did get.</summary>
    public static void Answer(List<ChatMessage> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role != ChatRole.Assistant || messages[i].ToolCalls.Count == 0) continue;
            var end = i + 1;
            var answered = new HashSet<string>();
            while (end < messages.Count && messages[end].Role == ChatRole.Tool)
            {
                if (messages[end].ToolCallId is { } id) answered.Add(id);
                end++;
            }
            foreach (var call in messages[i].ToolCalls)
            {
                if (answered.Contains(call.Id)) continue;
                messages.Insert(end++, ChatMessage.ToolResult(call.Id, call.Name, InterruptedResult));
            }
            i = end - 1;
        }
    }
}
