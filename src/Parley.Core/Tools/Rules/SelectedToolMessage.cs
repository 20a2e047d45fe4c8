using System.Text.Json.Nodes;

namespace Parley.Core.Tools.Rules;

/// <summary>
/// A tool message chosen for an event: the text to say (null when the message has none), its role
/// (assistant = spoken, system = added to the context), and the event-specific flags.
/// </summary>
public sealed record SelectedToolMessage(string Type, string? Content, JsonObject Source)
{
    /// <summary>"assistant" (default) or "system"; only request-complete and request-failed carry it.</summary>
    public string Role { get; init; } = "assistant";

    /// <summary>request-start: wait for the message to be spoken before calling the tool.</summary>
    public bool Blocking { get; init; }

    /// <summary>request-complete / request-failed: end the call once the message is spoken.</summary>
    public bool EndCallAfterSpoken { get; init; }

    /// <summary>request-response-delayed: how long to wait for the server before saying it.</summary>
    public int? TimingMilliseconds { get; init; }
}
