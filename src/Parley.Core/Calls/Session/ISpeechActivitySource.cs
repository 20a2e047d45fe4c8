using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Session;

/// <summary>
/// Tells the session when the caller starts and stops speaking (a VAD, or a fake reading a script). The real VAD
/// plugs in here; times are offsets from the start of the call.
/// </summary>
public interface ISpeechActivitySource
{
    IAsyncEnumerable<SpeechActivity> ListenAsync(IAsyncEnumerable<AudioFrame> callerAudio, CancellationToken cancellationToken);
}

/// <summary>
/// The caller started (<see cref="Speaking"/> true) or stopped speaking. <see cref="VoiceHeard"/> is how much voice
/// the detector had already heard when it confirmed the start, so barge-in can count voiceSeconds from the onset.
/// </summary>
public readonly record struct SpeechActivity(bool Speaking, TimeSpan VoiceHeard = default);
