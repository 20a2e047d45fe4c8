namespace Parley.Liquid.Tests;

/// <summary>A clock frozen at one instant; its timestamp can be moved by tests that check time limits.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public long Ticks { get; set; }
    public override DateTimeOffset GetUtcNow() => now;
    public override long GetTimestamp() => Ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
