namespace Parley.Core.Calls.Denoise;

/// <summary>
/// The assistant's <c>backgroundSpeechDenoisingPlan.fourierDenoisingPlan</c> fields, with the seed's documented
/// ranges. Defaults are the values of the seed's example.
/// </summary>
public sealed record FourierDenoiserOptions
{
    /// <summary>Keep a per-bin profile of a constant background (TV, music, radio) and filter it out.</summary>
    public bool MediaDetectionEnabled { get; init; } = true;

    /// <summary>Gate level in dBFS used until a baseline is established (-80 to 0).</summary>
    public double StaticThreshold { get; init; } = -35;

    /// <summary>How far below the rolling speech baseline audio is filtered, in dB (-30 to -5).</summary>
    public double BaselineOffsetDb { get; init; } = -15;

    /// <summary>Rolling window for the baseline, in ms (1000 to 30000).</summary>
    public int WindowSizeMs { get; init; } = 3000;

    /// <summary>Percentile of frame levels taken as the baseline (1 to 99).</summary>
    public double BaselinePercentile { get; init; } = 85;

    /// <summary>The field names and ranges broken, as messages; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (StaticThreshold is < -80 or > 0) errors.Add("staticThreshold must be between -80 and 0");
        if (BaselineOffsetDb is < -30 or > -5) errors.Add("baselineOffsetDb must be between -30 and -5");
        if (WindowSizeMs is < 1000 or > 30000) errors.Add("windowSizeMs must be between 1000 and 30000");
        if (BaselinePercentile is < 1 or > 99) errors.Add("baselinePercentile must be between 1 and 99");
        return errors;
    }
}
