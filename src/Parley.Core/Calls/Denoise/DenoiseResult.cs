namespace Parley.Core.Calls.Denoise;

/// <summary>Outcome of one <see cref="IAudioDenoiser.Process"/> call; on anything but Ok the samples are untouched.</summary>
public enum DenoiseResult { Ok, UnsupportedFrameSize }
