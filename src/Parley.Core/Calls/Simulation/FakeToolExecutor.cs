using Parley.Core.Conversations;
using Parley.Core.Tools;

namespace Parley.Core.Calls.Simulation;

/// <summary>
/// Runs any tool the way <see cref="FakeToolRound"/> does (its <see cref="FakeToolRound.Duration"/> on the clock, then its
/// <see cref="FakeToolRound.Result"/>), behind the real <see cref="ToolRound"/>: the tool's messages, variants and fillers
/// apply as in a server call.
/// </summary>
public sealed class FakeToolExecutor(FakeToolRound settings, TimeProvider clock) : IToolExecutor
{
    public bool CanExecute(string toolType) => true;

    public async Task<ToolOutcome> ExecuteAsync(ToolInvocation invocation, ConversationContext context, CancellationToken cancellationToken)
    {
        settings.Started.Add(clock.GetUtcNow());
        await Task.Delay(settings.Duration, clock, cancellationToken);
        return new ToolSucceeded(settings.Result);
    }
}
