namespace Parley.Core.Llm.Testing;

/// <summary>
/// One scripted model answer: text chunks and/or tool calls, with an optional delay before the first delta,
/// a total duration spread evenly over the remaining deltas, and an optional failure at the end.
/// </summary>
public sealed record ScriptedTurn
{
    public IReadOnlyList<string> TextChunks { get; init; } = [];
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];
    public TimeSpan FirstTokenDelay { get; init; }
    public TimeSpan TotalDuration { get; init; }

    /// <summary>When set, this is the last delta of the turn (after any chunks), instead of <see cref="ChatCompleted"/>.</summary>
    public ChatFailed? Failure { get; init; }
    public ChatUsage Usage { get; init; } = ChatUsage.None;

    public static ScriptedTurn Text(params string[] chunks) => new() { TextChunks = chunks };
    public static ScriptedTurn Calls(params ToolCall[] calls) => new() { ToolCalls = calls };
    public static ScriptedTurn Fails(ProviderFailureKind kind, string message, int? status = null) =>
        new() { Failure = new ChatFailed(kind, status, message) };
}
