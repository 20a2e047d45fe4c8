using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;

namespace Parley.Core.Calls.Simulation;

/// <summary>Keeps the call time and length of every assistant frame played out.</summary>
public sealed class RecordingAudioOutput : ICallAudioOutput
{
    private readonly List<(TimeSpan At, TimeSpan Length)> _frames = [];
    public IReadOnlyList<(TimeSpan At, TimeSpan Length)> Frames => _frames;

    public void Write(AudioFrame frame) => _frames.Add((frame.Timestamp, frame.Duration));

    /// <summary>When the first frame went out, or null.</summary>
    public TimeSpan? FirstFrameAt => _frames.Count == 0 ? null : _frames[0].At;

    /// <summary>When the last frame finished playing, or null.</summary>
    public TimeSpan? AudioEndedAt => _frames.Count == 0 ? null : _frames[^1].At + _frames[^1].Length;

    /// <summary>When the last frame that went out before <paramref name="before"/> finished playing.</summary>
    public TimeSpan LastFrameEndBefore(TimeSpan before)
    {
        var frame = _frames.Last(f => f.At < before);
        return frame.At + frame.Length;
    }
}
