using Parley.Core.Calls.Messages;

namespace Parley.Core.Calls.Session;

/// <summary>
/// Barge-in (stopSpeakingPlan). numWords 0: caller speech lasting voiceSeconds pauses the assistant, and the first
/// real word confirms the interruption; speech that stops with no words within the false-interruption window was
/// noise, so playout resumes where it stopped. numWords &gt; 0: that many words interrupt. Interruption phrases
/// interrupt at once; acknowledgement phrases never do.
/// </summary>
public sealed partial class CallSession
{
    private ResponseHandle? _suspectedInterruption;
    private DateTimeOffset? _lastInterruptionAt;

    /// <summary>The reply a caller could interrupt now: the audible one, else the newest one still in the works.</summary>
    private ResponseHandle? Interruptible()
    {
        var handle = _audible ?? _handles.Values.Where(h => !h.Cancelled).MaxBy(h => h.Id);
        return handle is { Interruptible: true, Cancelled: false } ? handle : null;
    }

    private void BargeInOnSpeechStarted(TimeSpan voiceHeard)
    {
        Disarm(CallTimer.FalseInterruption);
        // voiceSeconds counts from the onset: the detector has already heard some of it.
        var remaining = _plan.StopSpeakingVoice - voiceHeard;
        if (_plan.StopSpeakingNumWords == 0 && Interruptible() is not null) Arm(CallTimer.BargeInVoice, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    private void BargeInOnSpeechStopped()
    {
        Disarm(CallTimer.BargeInVoice);
        if (_suspectedInterruption is not null) Arm(CallTimer.FalseInterruption, _plan.FalseInterruptionWindow);
    }

    private void OnBargeInVoiceElapsed()
    {
        if (!_callerSpeaking || Interruptible() is not { } handle) return;
        if (handle.Audible)
        {
            _pacer.Pause();
            _suspectedInterruption = handle;
        }
        else if (handle.Kind == ResponseKind.Model)
        {
            Interrupt(handle);
        }
    }

    private void OnFalseInterruptionElapsed()
    {
        if (_suspectedInterruption is null) return;
        _suspectedInterruption = null;
        _pacer.Resume();
    }

    /// <summary>Weighs the caller's words against the reply; true when they are only an acknowledgement.</summary>
    private bool BargeInOnWords(string utterance)
    {
        var words = SpokenWords.Count(utterance);
        if (words == 0) return false;
        var handle = Interruptible();
        if (handle is null || WordsBegan(handle) < handle.CreatedAt) return false;
        if (_plan.InterruptionPhrases.Count > 0 && SpokenWords.ContainsPhrase(utterance, _plan.InterruptionPhrases))
        {
            Interrupt(handle);
            return false;
        }
        if (SpokenWords.OnlyPhrases(utterance, _plan.AcknowledgementPhrases))
        {
            // Backchannel: the assistant goes on at once, not after the false-interruption window.
            if (_suspectedInterruption == handle) OnFalseInterruptionElapsed();
            return handle.Audible;
        }
        if (_plan.StopSpeakingNumWords > 0 ? words >= _plan.StopSpeakingNumWords : _suspectedInterruption == handle)
            Interrupt(handle);
        return false;
    }

    /// <summary>
    /// When the words being weighed began. Words of an utterance that began before the reply did (the rest of "wait,
    /// stop" after it cut one reply off and a hook answered it) are not about that reply. Words the voice detector never
    /// heard start are new when the reply is audible (a quick "stop"); before that they are the last turn's late final.
    /// </summary>
    private DateTimeOffset WordsBegan(ResponseHandle handle) =>
        _callerSpeaking || _speechSinceTurnEnd ? _utteranceStartedAt
        : handle.Audible ? DateTimeOffset.MaxValue
        : DateTimeOffset.MinValue;

    /// <summary>
    /// The caller interrupted the reply: it stops (see <see cref="CutOff"/>), and for backoffSeconds nothing new is
    /// heard. The caller's turn still ends on time, so the answer is made while the backoff runs.
    /// </summary>
    private void Interrupt(ResponseHandle handle)
    {
        Disarm(CallTimer.BargeInVoice);
        Disarm(CallTimer.FalseInterruption);
        _suspectedInterruption = null;
        _lastInterruptionAt = _clock.GetUtcNow();
        // Seed: backoffSeconds "blocks all assistant audio output after user interruption" (a hook's say included).
        _pacer.HoldUntil(_lastInterruptionAt.Value + _plan.StopSpeakingBackoff);
        var audible = handle.Audible && !handle.PlaybackDone;
        if (audible)
        {
            _log.AssistantInterruptions++;
            _messages.Publish(CallMessages.UserInterrupted(handle.Id));
        }
        CutOff(handle);
        if (audible) RunHooks("assistant.speech.interrupted", null);
        Settle(handle);
    }

    /// <summary>
    /// Stops a reply (model, TTS, queued audio) and keeps only what was heard: the caller interrupting, a say that
    /// interrupts, the call ending with something to say. Settling it is the caller's part.
    /// </summary>
    private void CutOff(ResponseHandle handle)
    {
        var audible = handle.Audible && !handle.PlaybackDone;
        handle.Interrupted = true;
        // Cancelled before its audio is cleared: a tool waiting for a blocking message of this reply then sees the
        // interruption, not a message that could not be said.
        handle.Cancel();
        handle.Played = _pacer.Clear(handle.Id);
        if (!audible) return;
        handle.AudioStoppedAt = _pacer.LastFrameEndsAt;
        if (_audible == handle) _audible = null;
        _messages.Publish(StreamedMessage.SpeechUpdate(false, "assistant", _turn));
    }
}
