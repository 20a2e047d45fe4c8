namespace Parley.Core.Calls.Simulation;

/// <summary>Waiting for a point on a simulated call's timeline.</summary>
internal static class ClockDelays
{
    public static Task Until(TimeProvider clock, DateTimeOffset origin, TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = origin + at - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, cancellationToken) : Task.CompletedTask;
    }
}
