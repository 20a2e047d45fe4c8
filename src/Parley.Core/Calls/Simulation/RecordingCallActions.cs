using System.Text.Json.Nodes;
using Parley.Core.Calls.Session;
using Parley.Core.Conversations;

namespace Parley.Core.Calls.Simulation;

/// <summary>Records the hook tool runs and transfers a simulated call asks for, with their call times.</summary>
public sealed class RecordingCallActions(TimeProvider clock, DateTimeOffset origin) : ICallHookToolRunner, ICallTransfer
{
    private readonly List<(TimeSpan At, JsonObject Tool)> _tools = [];
    private readonly List<(TimeSpan At, JsonObject Destination)> _transfers = [];

    public IReadOnlyList<(TimeSpan At, JsonObject Tool)> ToolRuns => _tools;
    public IReadOnlyList<(TimeSpan At, JsonObject Destination)> Transfers => _transfers;

    public Task RunAsync(JsonObject tool, ConversationContext context, CancellationToken cancellationToken)
    {
        _tools.Add((clock.GetUtcNow() - origin, tool));
        return Task.CompletedTask;
    }

    public Task TransferAsync(JsonObject destination, CancellationToken cancellationToken)
    {
        _transfers.Add((clock.GetUtcNow() - origin, destination));
        return Task.CompletedTask;
    }
}
