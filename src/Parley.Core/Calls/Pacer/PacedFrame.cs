using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Pacer;

/// <summary>
/// A frame queued for playout, tagged with its reply; <see cref="IsEnd"/> marks the end of that reply's audio.
/// <see cref="Buffer"/> holds the frame's samples and goes back to the shared playout pool once the frame is played or dropped.
/// A <see cref="Reached"/> mark carries no audio: it completes once everything queued before it has played.
/// </summary>
public readonly record struct PacedFrame(long ResponseId, AudioFrame Frame, bool IsEnd, short[]? Buffer = null, TaskCompletionSource? Reached = null);
