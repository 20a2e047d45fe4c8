namespace Parley.Liquid;

/// <summary>Rendering options and the limits that keep hostile templates from hanging or exhausting the server.</summary>
public sealed record LiquidOptions
{
    /// <summary>The clock behind "now" and "today"; injected so renders are deterministic in tests.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The engine's local time zone (LiquidJS's process zone); UTC whatever the machine's zone is.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Total loop iterations one render may run (for, tablerow, cycle), across all loops.</summary>
    public int MaxLoopIterations { get; init; } = 1_000_000;

    /// <summary>Largest output (in UTF-16 code units) one render may produce, captures included.</summary>
    public int MaxOutputLength { get; init; } = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of blocks a template may have.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Longest one render may take, measured on <see cref="Clock"/>.</summary>
    public TimeSpan MaxRenderTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many parsed templates the engine keeps.</summary>
    public int CacheSize { get; init; } = 4096;
}
