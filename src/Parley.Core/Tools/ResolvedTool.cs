using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Core.Tools;

/// <summary>A tool available in a conversation: its Vapi JSON and the function the model sees.</summary>
public sealed record ResolvedTool(string Type, JsonObject Definition, ToolDefinition Function)
{
    public string Name => Function.Name;
    public bool IsAsync => Json.JsonRead.Bool(Definition["async"]) == true;
}

/// <summary>One call of a tool by the model.</summary>
public sealed record ToolInvocation(ToolCall Call, JsonObject Arguments, ResolvedTool Tool);

/// <summary>How a tool call ended.</summary>
public abstract record ToolOutcome
{
    /// <summary>A ToolMessageComplete/Failed the tool server returned, spoken instead of the configured one.</summary>
    public JsonObject? MessageOverride { get; init; }
}

/// <summary>The tool worked; <see cref="Result"/> goes to the model.</summary>
public sealed record ToolSucceeded(string Result) : ToolOutcome;

/// <summary>The tool failed; <see cref="Error"/> says what went wrong, for the model and the logs.</summary>
public sealed record ToolFailed(string Error) : ToolOutcome;

/// <summary>The rejection plan stopped the call before it ran.</summary>
public sealed record ToolRejected(string Reason) : ToolOutcome;

/// <summary>Runs tools of some types.</summary>
public interface IToolExecutor
{
    bool CanExecute(string toolType);
    Task<ToolOutcome> ExecuteAsync(ToolInvocation invocation, Conversations.ConversationContext context, CancellationToken cancellationToken);
}
