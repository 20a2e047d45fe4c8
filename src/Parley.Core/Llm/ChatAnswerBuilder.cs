using System.Text;

namespace Parley.Core.Llm;

/// <summary>Accumulates streamed deltas into the whole answer: text, complete tool calls, and how it ended.</summary>
public sealed class ChatAnswerBuilder
{
    private readonly StringBuilder _text = new();
    private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> _calls = [];

    public string Text => _text.ToString();
    public ChatCompleted? Completed { get; private set; }
    public ChatFailed? Failure { get; private set; }

    /// <summary>Tool calls in index order, arguments concatenated across fragments.</summary>
    public IReadOnlyList<ToolCall> ToolCalls =>
        _calls.Values.Select(c => new ToolCall(c.Id ?? "", c.Name ?? "", c.Arguments.ToString())).ToArray();

    public void Add(ChatDelta delta)
    {
        switch (delta)
        {
            case ChatTextDelta text:
                _text.Append(text.Text);
                break;
            case ChatToolCallDelta call:
                if (!_calls.TryGetValue(call.Index, out var entry)) entry = (null, null, new StringBuilder());
                entry.Arguments.Append(call.ArgumentsFragment);
                _calls[call.Index] = (entry.Id ?? call.Id, entry.Name ?? call.Name, entry.Arguments);
                break;
            case ChatCompleted completed:
                Completed = completed;
                break;
            case ChatFailed failed:
                Failure = failed;
                break;
        }
    }
}
