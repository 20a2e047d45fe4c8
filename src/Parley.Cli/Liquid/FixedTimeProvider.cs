namespace Parley.Cli.Liquid;

/// <summary>A clock frozen at one instant, so "now" renders the same in every case of a batch.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
