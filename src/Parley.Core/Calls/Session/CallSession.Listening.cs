using System.Text;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Stt;

namespace Parley.Core.Calls.Session;

/// <summary>Caller side: speech activity, transcripts and the end of the caller's turn.</summary>
public sealed partial class CallSession
{
    private bool _callerSpeaking;
    private DateTimeOffset _callerStoppedAt;
    private DateTimeOffset? _turnStartedAt;
    private DateTimeOffset? _lastFinalAt;
    // When the voice detector last heard the caller start, and whether it has since their last turn ended.
    private DateTimeOffset _utteranceStartedAt;
    private bool _speechSinceTurnEnd;
    private readonly StringBuilder _pendingUserText = new();
    private readonly StringBuilder _utteranceFinals = new();
    private int _turn;

    private async Task ListenForSpeechAsync()
    {
        try
        {
            await foreach (var activity in _services.SpeechActivity.ListenAsync(_vadAudio.ReadAllAsync(_callCts.Token), _callCts.Token))
                Post(activity.Speaking ? new CallerSpeechStarted(activity.VoiceHeard) : new CallerSpeechStopped());
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ListenForTranscriptsAsync()
    {
        try
        {
            await foreach (var e in _services.Stt.TranscribeAsync(_sttAudio.ReadAllAsync(_callCts.Token), _services.SttOptions, _callCts.Token))
            {
                switch (e)
                {
                    case TranscriptPartial p: Post(new TranscriptUpdated(p.Text, false)); break;
                    case TranscriptFinal f: Post(new TranscriptUpdated(f.Text, true)); break;
                    case SttFailed failed:
                        Post(new CallEndRequested(Fallbacks.SpeechEndedReasons.TranscriberFailed(failed.Provider)));
                        return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnCallerSpeechStarted(TimeSpan voiceHeard)
    {
        if (_callerSpeaking) return;
        _callerSpeaking = true;
        _utteranceStartedAt = _clock.GetUtcNow();
        _speechSinceTurnEnd = true;
        _turnStartedAt ??= _utteranceStartedAt;
        _utteranceFinals.Clear();
        _messages.Publish(StreamedMessage.SpeechUpdate(true, "user", _turn));
        Disarm(CallTimer.TurnEnd);
        Disarm(CallTimer.Silence);
        StopQuietClock(callerSpoke: true);
        BargeInOnSpeechStarted(voiceHeard);
    }

    private void OnCallerSpeechStopped()
    {
        if (!_callerSpeaking) return;
        _callerSpeaking = false;
        _callerStoppedAt = _clock.GetUtcNow();
        _messages.Publish(StreamedMessage.SpeechUpdate(false, "user", _turn));
        BargeInOnSpeechStopped();
        ArmTurnEndIfReady();
        if (AssistantBusy) return;
        Arm(CallTimer.Silence, _plan.SilenceTimeout);
        // Seed: the idle timer starts when the user stops speaking; a pending turn re-arms it once the reply has played.
        if (_pendingUserText.Length == 0) StartQuietClock(callerStopped: true);
    }

    private void OnTranscript(TranscriptUpdated t)
    {
        _messages.Publish(StreamedMessage.Transcript("user", t.IsFinal, t.Text));
        var utterance = _utteranceFinals.Length == 0 ? t.Text : _utteranceFinals + " " + t.Text;
        var acknowledgement = BargeInOnWords(utterance);
        if (!t.IsFinal) return;
        if (_utteranceFinals.Length > 0) _utteranceFinals.Append(' ');
        _utteranceFinals.Append(t.Text);
        // An acknowledgement while the assistant talks is backchannel, not a turn.
        if (acknowledgement || t.Text.Trim().Length == 0) return;
        if (_pendingUserText.Length > 0) _pendingUserText.Append(' ');
        _pendingUserText.Append(t.Text.Trim());
        _lastFinalAt = _clock.GetUtcNow();
        AskEndpointing();
        ArmTurnEndIfReady();
    }

    private void ArmTurnEndIfReady()
    {
        if (_callerSpeaking || _pendingUserText.Length == 0 || IsArmed(CallTimer.TurnEnd)) return;
        var now = _clock.GetUtcNow();
        var due = _callerStoppedAt + TurnEndWait();
        Arm(CallTimer.TurnEnd, due > now ? due - now : TimeSpan.Zero);
    }

    /// <summary>The caller's turn is over: their words join the history and the assistant answers.</summary>
    private void OnTurnEnded()
    {
        var text = _pendingUserText.ToString();
        _pendingUserText.Clear();
        _speechSinceTurnEnd = false;
        if (text.Length == 0) return;
        var now = _clock.GetUtcNow();
        _log.User(text, _turnStartedAt ?? _callerStoppedAt, _callerStoppedAt);
        _turnStartedAt = null;
        _context.History.Add(Llm.ChatMessage.User(text));
        PublishConversationUpdate();
        _turn++;
        // The call is ending (a call.ending hook is saying its piece): the words are kept, not answered.
        if (_ending is not null) return;
        CancelSilentModelReplies();
        var reply = StartResponse(ResponseKind.Model, null);
        reply.CallerStoppedAt = _callerStoppedAt;
        reply.TurnEndedAt = now;
        reply.LastFinalAt = _lastFinalAt;
    }

    private string? LastAssistantWords() =>
        _context.History.LastOrDefault(m => m.Role == Llm.ChatRole.Assistant && !string.IsNullOrEmpty(m.Content))?.Content;

    // The whole history, every time it grows: each message goes out as the JSON it was first written as, not a new copy.
    private void PublishConversationUpdate() =>
        _messages.Publish(CallMessages.ConversationUpdate(_log.FrozenArtifactMessages(), _publishedHistory.Snapshot(_context.History)));
}
