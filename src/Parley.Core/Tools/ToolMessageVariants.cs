using System.Text.Json.Nodes;

namespace Parley.Core.Tools;

/// <summary>
/// Vapi's rules for choosing among a tool's messages: several eligible ones for one moment are variants, one of which is
/// said. The choice follows the tool call's id, so a call replays the same way and different calls vary.
/// </summary>
public static class ToolMessageVariants
{
    /// <summary>One of <paramref name="variants"/> (not empty), chosen by <paramref name="toolCallId"/>.</summary>
    public static T Pick<T>(IReadOnlyList<T> variants, string toolCallId)
    {
        // FNV-1a: string.GetHashCode differs from process to process.
        var hash = 2166136261u;
        foreach (var c in toolCallId) hash = (hash ^ c) * 16777619u;
        return variants[(int)(hash % (uint)variants.Count)];
    }

    /// <summary>
    /// Whether a tool without any request-start message gets one of Vapi's default fillers: only tools that wait on a server
    /// (function and apiRequest); call control (endCall, transferCall...) acts at once. A tool with a request-start
    /// message of its own, eligible or not, says what it says.
    /// </summary>
    public static bool FillsSilence(ResolvedTool tool) =>
        tool.Type is "function" or "apiRequest"
        && !((tool.Definition["messages"] as JsonArray)?.OfType<JsonObject>()
            .Any(m => Json.JsonRead.String(m["type"]) == Rules.ToolMessageEvent.RequestStart) ?? false);
}
