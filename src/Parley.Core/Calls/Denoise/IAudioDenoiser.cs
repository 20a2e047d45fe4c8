namespace Parley.Core.Calls.Denoise;

/// <summary>A noise suppressor for one call's inbound audio, processing mono 16-bit frames in place.</summary>
public interface IAudioDenoiser : IDisposable
{
    int SampleRate { get; }

    /// <summary>How far the output lags the input (zero for frame-aligned processors).</summary>
    TimeSpan Latency { get; }

    /// <summary>Replaces <paramref name="samples"/> with denoised audio; never throws on the audio path.</summary>
    DenoiseResult Process(Span<short> samples);
}
