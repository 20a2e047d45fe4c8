namespace Parley.Core.Calls.Denoise;

/// <summary>
/// The smart denoising plan. Vapi uses Krisp, which is proprietary; Parley uses the best open suppressor a Debian
/// host has, the Speex preprocessor (libspeexdsp), with only its denoiser on (no AGC, VAD or dereverb), run on
/// 10 ms blocks. Frames must be whole multiples of 10 ms (the call pipeline uses 20 ms).
/// </summary>
public sealed class SmartDenoiser : IAudioDenoiser
{
    /// <summary>Speex's own default suppression; deeper settings eat into quiet speech.</summary>
    public const int DefaultSuppressionDb = -15;

    private readonly int _block;
    private nint _state;

    private SmartDenoiser(int sampleRate, nint state)
    {
        SampleRate = sampleRate;
        _block = sampleRate / 100;
        _state = state;
    }

    public int SampleRate { get; }
    /// <summary>Speex overlaps each block with the previous one, so its output trails by one 10 ms block (measured).</summary>
    public TimeSpan Latency => TimeSpan.FromMilliseconds(10);

    /// <summary>Null when smart denoising can run on this host; otherwise why not.</summary>
    public static string? Unavailable => SpeexNative.Error;

    /// <summary>Creates the denoiser, or says why it cannot (library missing, unsupported rate).</summary>
    public static (SmartDenoiser? Denoiser, string? Error) Create(int sampleRate, int suppressionDb = DefaultSuppressionDb)
    {
        if (SpeexNative.Error is { } missing) return (null, "smart denoising not available: " + missing);
        if (sampleRate % 100 != 0) return (null, $"smart denoising needs a sample rate divisible into 10 ms blocks, got {sampleRate}");
        var state = SpeexNative.Init(sampleRate / 100, sampleRate);
        if (state == 0) return (null, "smart denoising: speex_preprocess_state_init failed");
        SpeexNative.Control(state, SpeexNative.SetDenoise, 1);
        SpeexNative.Control(state, SpeexNative.SetNoiseSuppress, suppressionDb);
        SpeexNative.Control(state, SpeexNative.SetAgc, 0);
        SpeexNative.Control(state, SpeexNative.SetVad, 0);
        SpeexNative.Control(state, SpeexNative.SetDereverb, 0);
        return (new SmartDenoiser(sampleRate, state), null);
    }

    public DenoiseResult Process(Span<short> samples)
    {
        if (samples.Length % _block != 0 || _state == 0) return DenoiseResult.UnsupportedFrameSize;
        for (var i = 0; i < samples.Length; i += _block) SpeexNative.Run(_state, samples.Slice(i, _block));
        return DenoiseResult.Ok;
    }

    public void Dispose()
    {
        if (_state == 0) return;
        SpeexNative.Destroy(_state);
        _state = 0;
    }
}
