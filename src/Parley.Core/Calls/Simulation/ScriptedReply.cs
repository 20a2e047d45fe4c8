namespace Parley.Core.Calls.Simulation;

/// <summary>One scripted model answer.</summary>
public sealed record ScriptedReply(string Text, Llm.ToolCall? ToolCall, TimeSpan Ttft, TimeSpan Total)
{
    /// <summary>The model throws after its words instead of completing (a provider adapter's bug).</summary>
    public bool Throws { get; init; }
}
