namespace Parley.Core.Calls.Simulation;

/// <summary>One scripted model answer.</summary>
public sealed record ScriptedReply(string Text, Llm.ToolCall? ToolCall, TimeSpan Ttft, TimeSpan Total);
