namespace Parley.Core.Calls.Simulation;

/// <summary>The model's side of a <see cref="CallScript"/>: replies in order, one per request.</summary>
public sealed class LlmScript
{
    private readonly List<ScriptedReply> _replies = [];
    public IReadOnlyList<ScriptedReply> Replies => _replies;

    /// <summary>
    /// The next request gets <paramref name="text"/>: its first word <paramref name="ttft"/> seconds after the request,
    /// the rest spread evenly until <paramref name="total"/> (defaults to ttft: everything at once).
    /// </summary>
    public LlmScript Reply(string text, double ttft = 0.1, double? total = null)
    {
        _replies.Add(new ScriptedReply(text, null, CallScript.Seconds(ttft), CallScript.Seconds(total ?? ttft)));
        return this;
    }

    /// <summary>The next request gets <paramref name="text"/>, then the model throws instead of completing.</summary>
    public LlmScript ReplyThenThrow(string text, double ttft = 0.1)
    {
        _replies.Add(new ScriptedReply(text, null, CallScript.Seconds(ttft), CallScript.Seconds(ttft)) { Throws = true });
        return this;
    }

    /// <summary>The next request is answered with a call to tool <paramref name="name"/>.</summary>
    public LlmScript CallsTool(string name, string argumentsJson = "{}", double ttft = 0.1)
    {
        _replies.Add(new ScriptedReply("", new Llm.ToolCall("call_" + (_replies.Count + 1), name, argumentsJson), CallScript.Seconds(ttft), CallScript.Seconds(ttft)));
        return this;
    }
}
