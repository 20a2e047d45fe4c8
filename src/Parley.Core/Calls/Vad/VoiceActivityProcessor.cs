namespace Parley.Core.Calls.Vad;

/// <summary>
/// Turns per-frame voiced decisions into SpeechStarted / SpeechStopped edges: speech starts after
/// <see cref="VadOptions.StartSeconds"/> of voice (short dips tolerated) and stops after
/// <see cref="VadOptions.StopSeconds"/> of silence. Allocation-free per frame.
/// </summary>
public sealed class VoiceActivityProcessor
{
    private readonly VoiceActivityDetector _detector;
    private readonly TimeSpan _start;
    private readonly TimeSpan _stop;
    private readonly TimeSpan _maxGap;
    private readonly TimeSpan _lookbackGap;
    private TimeSpan _onset;
    private bool _hasOnset;
    private TimeSpan _voicedInRun;
    private TimeSpan _lastVoicedEnd;
    private bool _inRun;

    public VoiceActivityProcessor(int sampleRate, int maxFrameLength, VadOptions? options = null)
    {
        options ??= new VadOptions();
        _detector = new VoiceActivityDetector(sampleRate, maxFrameLength, options);
        _start = TimeSpan.FromSeconds(options.StartSeconds);
        _stop = TimeSpan.FromSeconds(options.StopSeconds);
        _maxGap = TimeSpan.FromSeconds(options.MaxGapSeconds);
        _lookbackGap = TimeSpan.FromSeconds(options.OnsetLookbackGapSeconds);
    }

    /// <summary>True between SpeechStarted and SpeechStopped.</summary>
    public bool IsSpeaking { get; private set; }

    /// <summary>Voice heard in the current run so far (what stopSpeakingPlan.voiceSeconds compares against).</summary>
    public TimeSpan VoicedDuration => _inRun ? _voicedInRun : TimeSpan.Zero;

    public VadFrameDecision LastDecision { get; private set; }

    public VoiceActivityDetector Detector => _detector;

    /// <summary>Feeds one frame starting at <paramref name="timestamp"/>; returns an edge when one is confirmed.</summary>
    public VoiceActivityEvent? Process(ReadOnlySpan<short> frame, TimeSpan timestamp)
    {
        var decision = _detector.Classify(frame, IsSpeaking);
        LastDecision = decision;
        var duration = TimeSpan.FromTicks(frame.Length * TimeSpan.TicksPerSecond / _detector.SampleRate);
        var end = timestamp + duration;

        if (decision.IsVoiced)
        {
            if (!IsSpeaking && (!_hasOnset || timestamp - _lastVoicedEnd > _lookbackGap))
            {
                _onset = timestamp;
                _hasOnset = true;
            }
            if (!_inRun)
            {
                _inRun = true;
                _voicedInRun = TimeSpan.Zero;
            }
            _voicedInRun += duration;
            _lastVoicedEnd = end;
            if (!IsSpeaking && _voicedInRun >= _start)
            {
                IsSpeaking = true;
                return new VoiceActivityEvent(VoiceActivityKind.SpeechStarted, _onset, end);
            }
            return null;
        }

        if (IsSpeaking)
        {
            if (end - _lastVoicedEnd >= _stop)
            {
                IsSpeaking = false;
                _inRun = false;
                _hasOnset = false;
                return new VoiceActivityEvent(VoiceActivityKind.SpeechStopped, _lastVoicedEnd, end);
            }
            return null;
        }

        if (_inRun && end - _lastVoicedEnd > _maxGap) _inRun = false;
        return null;
    }

    public void Reset()
    {
        _detector.Reset();
        IsSpeaking = false;
        _inRun = false;
        _hasOnset = false;
    }
}
