namespace Parley.Liquid.Tests.Support;

/// <summary>A clock that moves only when told to, optionally by a fixed step on every timestamp read.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;
    long _ticks;

    /// <summary>Added to the timestamp each time the engine reads it, to simulate slow work deterministically.</summary>
    public TimeSpan StepPerRead { get; set; }

    // an odd frequency catches code that assumes ticks are 100 ns or milliseconds
    public override long TimestampFrequency => 7_000_003;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp()
    {
        var current = _ticks;
        _ticks += (long)(StepPerRead.TotalSeconds * TimestampFrequency);
        return current;
    }

    public void Advance(TimeSpan by) { _now += by; _ticks += (long)(by.TotalSeconds * TimestampFrequency); }
}
