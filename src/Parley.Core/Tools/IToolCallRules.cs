using System.Text.Json.Nodes;
using Parley.Core.Conversations;

namespace Parley.Core.Tools;

/// <summary>A tool message chosen for an event: what to say (or add as a system message) and when.</summary>
public sealed record ToolMessage(string Type, string Content, string Role = "assistant", bool EndCallAfterSpoken = false,
    int? TimingMilliseconds = null, bool Blocking = false);

/// <summary>The per-call rules around a tool: its rejection plan and which of its messages apply.</summary>
public interface IToolCallRules
{
    /// <summary>Null when the call may run; otherwise why the rejection plan stopped it.</summary>
    string? RejectionReason(ResolvedTool tool, ConversationContext context);

    /// <summary>The tool's messages of a type (request-start, request-complete...) whose conditions hold for these arguments.</summary>
    IReadOnlyList<ToolMessage> Messages(ResolvedTool tool, string type, JsonObject arguments, ConversationContext context);
}
