namespace Parley.Liquid;

/// <summary>Engine options: clock, default time zone and the safety limits applied to every render.</summary>
public sealed record LiquidOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public int MaxLoopIterations { get; init; } = 1_000_000;
    public int MaxOutputLength { get; init; } = 10_000_000;
    public int MaxDepth { get; init; } = 100;
    public TimeSpan MaxRenderTime { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How many compiled templates the engine keeps; the cache is cleared when it grows past this.</summary>
    public int MaxCachedTemplates { get; init; } = 10_000;
}
