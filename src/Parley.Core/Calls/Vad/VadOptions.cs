namespace Parley.Core.Calls.Vad;

/// <summary>Tuning of the energy/spectral voice activity detector and the start/stop timing around it.</summary>
public sealed record VadOptions
{
    /// <summary>Continuous voice needed before speech counts as started (Vapi stopSpeakingPlan.voiceSeconds, default 0.2).</summary>
    public double StartSeconds { get; init; } = 0.2;

    /// <summary>Silence needed before speech counts as stopped.</summary>
    public double StopSeconds { get; init; } = 0.5;

    /// <summary>Band energy above the noise floor that opens a voiced run.</summary>
    public double OnThresholdDb { get; init; } = 6.0;

    /// <summary>Band energy above the noise floor that keeps a voiced run open (hysteresis).</summary>
    public double OffThresholdDb { get; init; } = 3.5;

    /// <summary>Above this margin a frame is voiced whatever its spectrum looks like (loud fricatives).</summary>
    public double StrongThresholdDb { get; init; } = 10.0;

    /// <summary>Spectral flatness below which a frame looks tonal/voiced; white noise sits near 0.56.</summary>
    public double MaxFlatness { get; init; } = 0.42;

    /// <summary>Short dips inside a starting run that do not reset it (stop consonants).</summary>
    public double MaxGapSeconds { get; init; } = 0.06;

    /// <summary>
    /// When speech is confirmed, its onset is traced back over voiced stretches separated by gaps shorter than
    /// this, so a short first word ("Yes ... that works") is not lost.
    /// </summary>
    public double OnsetLookbackGapSeconds { get; init; } = 0.3;

    /// <summary>Frames quieter than this (RMS, dBFS) are never voice, whatever the noise floor: digital silence is not a floor.</summary>
    public double MinSpeechDbfs { get; init; } = -55;

    /// <summary>Lowest frequency of the analysis band; below it sit hum and most pink-noise energy.</summary>
    public double BandLowHz { get; init; } = 250;

    /// <summary>Highest frequency of the analysis band (telephone speech reaches 3.4 kHz).</summary>
    public double BandHighHz { get; init; } = 3800;
}
