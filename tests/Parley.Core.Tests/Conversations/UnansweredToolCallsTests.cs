using Parley.Core.Conversations;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Conversations;

// Invariant: after Answer, every assistant tool call is followed by its tool message, in the calls' order behind the
// results that came, and nothing else moves.
public class UnansweredToolCallsTests
{
    [Fact]
    public void Each_call_without_a_result_gets_one_behind_the_results_that_came()
    {
        var messages = new List<ChatMessage>
        {
            ChatMessage.User("Book and pay"),
            ChatMessage.Assistant(null, [new ToolCall("a", "book", "{}"), new ToolCall("b", "pay", "{}")]),
            ChatMessage.ToolResult("a", "book", "booked"),
            ChatMessage.User("Stop"),
            ChatMessage.Assistant("Later then", [new ToolCall("c", "note", "{}")]),
        };

        UnansweredToolCalls.Answer(messages);

        Assert.Equal(["user:Book and pay", "assistant:", "tool:a:booked", $"tool:b:{UnansweredToolCalls.InterruptedResult}", "user:Stop",
            "assistant:Later then", $"tool:c:{UnansweredToolCalls.InterruptedResult}"], messages.Select(Line));
        Assert.Equal("pay", messages[3].Name);
    }

    [Fact]
    public void A_history_whose_calls_all_have_results_is_left_as_it_is()
    {
        var messages = new List<ChatMessage>
        {
            ChatMessage.Assistant(null, [new ToolCall("a", "book", "{}")]),
            ChatMessage.ToolResult("a", "book", "booked"),
            ChatMessage.Assistant("Done"),
        };
        var before = messages.ToList();

        UnansweredToolCalls.Answer(messages);

        Assert.Equal(before, messages);
    }

    private static string Line(ChatMessage m) => m.Role switch
    {
        ChatRole.Tool => $"tool:{m.ToolCallId}:{m.Content}",
        _ => $"{OpenAiMessages.RoleName(m.Role)}:{m.Content}",
    };
}
