using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Denoise;
using Parley.Core.Calls.Session;
using Parley.Core.Json;

namespace Parley.Server.Calls;

/// <summary>
/// <c>backgroundSpeechDenoisingPlan</c> on the caller's audio before the call hears it: frames of any size are cut
/// into 20 ms pieces (the denoisers' unit) and cleaned in place. The recording keeps the raw audio.
/// </summary>
public sealed class DenoisingCallInput(ICallInput session, IAudioDenoiser denoiser) : ICallInput, IDisposable
{
    private readonly FrameSlicer<short> _slicer = new(denoiser.SampleRate / 50);
    private readonly FrameRing _pieces = new(CallSession.CallerFrameBuffers);
    // Handed to the slicer only when the input cannot complete a piece: then it keeps the remainder and writes nothing here.
    private readonly short[] _incomplete = new short[denoiser.SampleRate / 50];
    private TimeSpan _position;

    /// <summary>The denoiser the plan asks for, or null when it asks for none; problems (bad ranges, no library) are returned to log.</summary>
    public static (IAudioDenoiser? Denoiser, IReadOnlyList<string> Warnings) FromPlan(JsonObject assistant, int sampleRate)
    {
        var plan = assistant["backgroundSpeechDenoisingPlan"] as JsonObject;
        var smart = JsonRead.Bool(plan?["smartDenoisingPlan"]?["enabled"]) == true;
        var fourierPlan = plan?["fourierDenoisingPlan"] as JsonObject;
        FourierDenoiserOptions? fourier = null;
        if (JsonRead.Bool(fourierPlan?["enabled"]) == true)
        {
            var defaults = new FourierDenoiserOptions();
            fourier = new FourierDenoiserOptions
            {
                MediaDetectionEnabled = JsonRead.Bool(fourierPlan!["mediaDetectionEnabled"]) ?? defaults.MediaDetectionEnabled,
                StaticThreshold = JsonRead.Number(fourierPlan["staticThreshold"]) ?? defaults.StaticThreshold,
                BaselineOffsetDb = JsonRead.Number(fourierPlan["baselineOffsetDb"]) ?? defaults.BaselineOffsetDb,
                WindowSizeMs = (int)(JsonRead.Number(fourierPlan["windowSizeMs"]) ?? defaults.WindowSizeMs),
                BaselinePercentile = JsonRead.Number(fourierPlan["baselinePercentile"]) ?? defaults.BaselinePercentile,
            };
        }
        if (!smart && fourier is null) return (null, []);
        var (denoiser, warnings) = BackgroundDenoiser.Create(sampleRate, smart, fourier);
        return (denoiser, warnings);
    }

    public void PushCallerAudio(AudioFrame frame)
    {
        if (frame.SampleRate != denoiser.SampleRate)
        {
            session.PushCallerAudio(frame);
            return;
        }
        var samples = frame.Samples.Span;
        // A ring slot per whole piece: the call's listeners hold pieces after this returns, within the ring's bound.
        while (_slicer.PendingCount + samples.Length >= _slicer.FrameLength)
        {
            var piece = _pieces.Take(_slicer.FrameLength);
            _slicer.TryTakeFrame(ref samples, piece.Span);
            denoiser.Process(piece.Span);
            var cleaned = new AudioFrame(piece, frame.SampleRate, _position);
            _position += cleaned.Duration;
            session.PushCallerAudio(cleaned);
        }
        _slicer.TryTakeFrame(ref samples, _incomplete);
    }

    public void Receive(JsonObject controlMessage) => session.Receive(controlMessage);

    public void End(string endedReason) => session.End(endedReason);

    public void Dispose() => denoiser.Dispose();
}
