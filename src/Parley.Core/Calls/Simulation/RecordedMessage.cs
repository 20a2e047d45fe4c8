using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Simulation;

/// <summary>A call message and the call time it went out at.</summary>
public sealed record RecordedMessage(TimeSpan At, JsonObject Message)
{
    public string Type => Message["type"]!.GetValue<string>();
}
