namespace Parley.Core.Calls.Vad;

/// <summary>Edges of the caller's speech.</summary>
public enum VoiceActivityKind
{
    SpeechStarted,
    SpeechStopped,
}
