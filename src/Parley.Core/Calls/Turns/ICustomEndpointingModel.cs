using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Turns;

/// <summary>
/// smartEndpointingPlan provider <c>custom-endpointing-model</c>: the user's server says how long to wait before the
/// caller's turn is over, asked again at every new transcript.
/// </summary>
public interface ICustomEndpointingModel
{
    /// <summary>The server's timeout for the conversation so far (its last message the caller's words); null when it gave none.</summary>
    Task<TimeSpan?> TimeoutAsync(JsonArray messages, CancellationToken cancellationToken);
}
