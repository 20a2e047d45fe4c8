namespace Parley.Core.Calls.Vad;

/// <summary>
/// Speech started or stopped. <see cref="At"/> is when it happened in the audio (start of the first voiced frame,
/// end of the last); <see cref="DetectedAt"/> is the end of the frame that confirmed it.
/// </summary>
public readonly record struct VoiceActivityEvent(VoiceActivityKind Kind, TimeSpan At, TimeSpan DetectedAt);
