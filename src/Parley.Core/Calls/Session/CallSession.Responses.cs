using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Tts;
using Parley.Core.Conversations;
using Parley.Core.Llm;
using Parley.Core.Tools;
using Parley.Core.Tools.Rules;

namespace Parley.Core.Calls.Session;

/// <summary>Assistant side: producing replies (model or fixed text → chunks → TTS → pacer) and settling them.</summary>
public sealed partial class CallSession
{
    private readonly Dictionary<long, ResponseHandle> _handles = [];
    private long _nextResponseId;
    private Task _lastProducer = Task.CompletedTask;
    private ResponseHandle? _audible;
    private bool _assistantMuted;
    private bool _toolsRunning;

    /// <summary>True while any reply is being produced or played.</summary>
    private bool AssistantBusy => _handles.Count > 0;

    /// <param name="instructions">For a reply the model words: messages it reads after the history, which do not join it.</param>
    private ResponseHandle StartResponse(ResponseKind kind, string? fixedText, bool interruptible = true,
        IReadOnlyList<ChatMessage>? instructions = null, Audio.AudioFrame? audio = null)
    {
        var handle = new ResponseHandle(++_nextResponseId, kind, _callCts.Token)
        {
            FixedAudio = audio,
            FixedText = fixedText is null || audio is not null ? null : Rendered(fixedText),
            Interruptible = interruptible,
            CreatedAt = _clock.GetUtcNow(),
        };
        if (kind == ResponseKind.Model)
        {
            handle.Fork = Fork(_context);
            handle.Fork.History.AddRange(instructions ?? []);
            handle.ForkStart = handle.Fork.History.Count;
        }
        _handles[handle.Id] = handle;
        if (kind == ResponseKind.Model) Arm(CallTimer.Hang, _plan.HangWarning);
        StopQuietClock(callerSpoke: false);
        Disarm(CallTimer.Silence);
        _lastProducer = ProduceAsync(handle, _lastProducer);
        return handle;
    }

    /// <summary>
    /// Fixed messages take Liquid like every other message ("Hi {{name}}"). A template that fails to render is
    /// spoken without its tags rather than read out as code.
    /// </summary>
    private string Rendered(string text) => Templates.SpokenTemplates.Render(_services.Templates, text, () => _context.TemplateScope());

    /// <summary>
    /// The model works on a copy of the history so the session's own copy is only touched on its loop; the new
    /// messages are merged back (cut to what was heard) when the reply settles.
    /// </summary>
    private static ConversationContext Fork(ConversationContext context)
    {
        var fork = new ConversationContext
        {
            OrgId = context.OrgId,
            Assistant = context.Assistant,
            Call = context.Call,
            Chat = context.Chat,
            Customer = context.Customer,
            PhoneNumber = context.PhoneNumber,
            Org = context.Org,
            VariableValues = context.VariableValues,
            Clock = context.Clock,
            ScopeBuilder = context.ScopeBuilder,
        };
        fork.History.AddRange(context.History);
        return fork;
    }

    private async Task ProduceAsync(ResponseHandle handle, Task previous)
    {
        try
        {
            // Replies play in the order they were started; audio of two replies never interleaves.
            try { await previous; } catch (Exception) { }
            if (handle.FixedAudio is { } clip)
            {
                handle.AudioProduced = clip.Duration;
                _pacer.Enqueue(handle.Id, clip);
                return;
            }
            var speech = new ReplySpeech(this, handle);
            try
            {
                if (handle.FixedText is { } fixedText) Speak(handle, speech, fixedText);
                else await GenerateAsync(handle, speech);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception)
            {
                // A model that broke: what it said before is still voiced, played and settled like any reply's words.
                handle.Failed = true;
            }
            finally
            {
                // Whatever happened above, the voice gets no more text: left open, its stream would wait for ever.
                speech.Complete();
            }
            // The reply ends only once its voice has handed over all its audio: a reply marked ended while audio still
            // came would play it untracked (no speech-update, not in the history, not interruptible).
            await speech.FinishAsync();
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception)
        {
            handle.Failed = true;
        }
        finally
        {
            if (!handle.Cancelled) _pacer.EndOfResponse(handle.Id);
            Post(new ResponseProduced(handle));
        }
    }

    private async Task GenerateAsync(ResponseHandle handle, ReplySpeech text)
    {
        var chunker = _services.ChunkerFactory();
        // The fork carries the call as it stands, so a custom-llm server gets it (and the customer, the metadata).
        var settings = ModelSettings.From(_context.Assistant, handle.Fork);
        await foreach (var e in _services.Runner.RespondAsync(handle.Fork!, settings, handle.Token))
        {
            switch (e)
            {
                case AssistantTextDelta delta:
                    Post(new ResponseTextDelta(handle, delta.Text));
                    foreach (var chunk in chunker.Push(delta.Text)) Speak(handle, text, chunk);
                    break;
                case ToolMessageTriggered message:
                    // Said here: what fills the wait (request-start, request-response-delayed). A request-complete or
                    // -failed message reaches the history as the reply's text and is said from there; a system one is
                    // a hint for the model, never said.
                    Post(new ResponseConversationEvent(handle, e));
                    if (message.Role == "assistant" && message.MessageType is ToolMessageEvent.RequestStart or ToolMessageEvent.RequestResponseDelayed)
                    {
                        if (chunker.Flush() is { } before) Speak(handle, text, before);
                        Speak(handle, text, message.Content);
                        // A blocking message's tool runs once the caller has heard it: the voice finishes what it
                        // was given and the pacer plays it out before the rest of the reply gets a voice again.
                        if (message.Said is { } said)
                        {
                            var heard = false;
                            try
                            {
                                heard = await text.HearOutAsync();
                            }
                            finally
                            {
                                // Never left pending: a voice that throws would otherwise keep the tool waiting for ever.
                                if (heard) said.TrySetResult();
                                else said.TrySetCanceled();
                            }
                        }
                    }
                    else
                    {
                        message.Said?.TrySetResult();
                    }
                    break;
                case AssistantTurnFailed failed:
                    handle.Failed = true;
                    // Vapi ends a call whose model failed (its fallbacks included): dead air until the silence timeout
                    // would tell neither the caller nor the webhook server why.
                    if (!handle.Cancelled)
                        Post(new CallEndRequested(ModelEndedReasons.ModelFailed(Json.JsonRead.String((_context.Assistant["model"] as JsonObject)?["provider"]), failed.StatusCode)));
                    break;
                default:
                    Post(new ResponseConversationEvent(handle, e));
                    break;
            }
        }
        if (chunker.Flush() is { } rest) Speak(handle, text, rest);
    }

    private void Speak(ResponseHandle handle, ReplySpeech text, string chunk)
    {
        if (chunk.Length == 0) return;
        if (handle.SpokenText.Length > 0) handle.SpokenText.Append(' ');
        handle.SpokenText.Append(chunk);
        text.Write(chunk);
        Post(new ResponseVoiceInput(handle, chunk));
    }

    private async Task SpeakAsync(ResponseHandle handle, ChannelReader<string> text)
    {
        await foreach (var e in _services.Tts.SynthesizeAsync(text.ReadAllInOrderAsync(handle.Token), _services.TtsOptions, handle.Token))
        {
            switch (e)
            {
                case TtsAudio audio:
                    handle.AudioProduced += audio.Frame.Duration;
                    _pacer.Enqueue(handle.Id, audio.Frame);
                    break;
                case TtsFailed failed:
                    // The voice (its fallbacks included) is gone: a call that cannot speak is over.
                    handle.Failed = true;
                    Post(new CallEndRequested(Fallbacks.SpeechEndedReasons.VoiceFailed(failed.Provider)));
                    return;
            }
        }
    }

    private void OnConversationEvent(ResponseHandle handle, ConversationEvent e)
    {
        switch (e)
        {
            case ToolCallsRequested requested:
                _toolsRunning = true;
                handle.ToolCallsAt ??= [];
                foreach (var call in requested.Calls) handle.ToolCallsAt.TryAdd(call.Id, _clock.GetUtcNow());
                PublishToolCalls(requested.Calls);
                break;
            case ToolCallCompleted completed:
                (handle.ToolResultsAt ??= [])[completed.Call.Id] = _clock.GetUtcNow();
                break;
            case ToolMessageTriggered { EndCallAfterSpoken: true }:
                handle.EndedReasonAfterSpoken ??= EndedReasons.EndedAfterMessageSpoken;
                break;
        }
    }

    private void OnResponseProduced(ResponseHandle handle)
    {
        handle.Produced = true;
        _toolsRunning = false;
        Settle(handle);
    }

    public void PlaybackStarted(long responseId)
    {
        if (!_handles.TryGetValue(responseId, out var handle)) return;
        handle.Audible = true;
        handle.AudioStartedAt = _clock.GetUtcNow();
        if (handle.CallerStoppedAt is { } stopped && handle.TurnEndedAt is { } ended)
            _log.TurnTiming(stopped, ended, handle.FirstTextAt, handle.AudioStartedAt.Value, handle.LastFinalAt);
        Disarm(CallTimer.Hang);
        _audible = handle;
        Disarm(CallTimer.Silence);
        _messages.Publish(StreamedMessage.SpeechUpdate(true, "assistant", _turn));
        if (_callerSpeaking)
        {
            _log.UserInterruptions++;
            RunHooks("customer.speech.interrupted", null);
        }
    }

    public void PlaybackFinished(long responseId, TimeSpan played)
    {
        if (!_handles.TryGetValue(responseId, out var handle)) return;
        handle.PlaybackDone = true;
        handle.Played = played;
        if (handle.Audible)
        {
            handle.AudioStoppedAt = _clock.GetUtcNow();
            _messages.Publish(StreamedMessage.SpeechUpdate(false, "assistant", _turn));
        }
        if (_audible == handle) _audible = null;
        Settle(handle);
    }

    /// <summary>Cancels model replies that have not made a sound yet: the caller is still talking, so they are stale.</summary>
    private void CancelSilentModelReplies()
    {
        foreach (var handle in _handles.Values)
        {
            if (handle.Kind != ResponseKind.Model || handle.Audible || handle.Cancelled) continue;
            handle.Cancel();
            // This reply only: one queued before it may still be playing (a first message the caller cannot interrupt).
            _pacer.Drop(handle.Id);
            Settle(handle);
        }
    }

    /// <summary>
    /// Once a reply is both produced and finished (played out, interrupted or cancelled), its messages join the
    /// history — cut to the words the caller heard — and the call reacts to what was said.
    /// </summary>
    private void Settle(ResponseHandle handle)
    {
        if (!handle.Produced || !(handle.PlaybackDone || handle.Cancelled) || !_handles.Remove(handle.Id)) return;
        if (!_handles.Values.Any(h => h.Kind == ResponseKind.Model)) Disarm(CallTimer.Hang);
        var spoken = handle.SpokenText.ToString();
        var heard = handle.PlaybackDone && !handle.Interrupted ? spoken : SpokenWords.PlayedPrefix(spoken, handle.Played, handle.AudioProduced);
        if (handle.Cancelled && !handle.Audible) heard = "";

        var toolsEnd = 0;
        if (handle.Fork is { } fork)
        {
            var added = fork.History.Skip(handle.ForkStart).ToList();
            if (heard != spoken)
            {
                var last = added.FindLastIndex(m => m.Role == ChatRole.Assistant && m.Content is not null);
                if (last >= 0)
                {
                    if (heard.Length == 0 && added[last].ToolCalls.Count == 0) added.RemoveAt(last);
                    else added[last] = added[last] with { Content = heard.Length == 0 ? null : heard };
                }
            }
            // A model that broke before its turn completed left nothing in the fork; the caller still heard its words.
            if (added.Count == 0 && heard.Length > 0) added.Add(ChatMessage.Assistant(heard));
            UnansweredToolCalls.Answer(added);
            toolsEnd = LogTools(handle, added);
            _context.History.AddRange(added);
        }
        else if (heard.Length > 0)
        {
            _context.History.Add(ChatMessage.Assistant(heard));
        }

        if (heard.Length > 0 && handle.AudioStartedAt is { } start)
        {
            _log.Bot(heard, start, handle.AudioStoppedAt ?? _clock.GetUtcNow(), toolsEnd);
            _messages.Publish(StreamedMessage.Transcript("assistant", true, heard));
        }
        if (heard.Length > 0 || handle.Fork is not null) PublishConversationUpdate();
        handle.Dispose();

        if (handle.Interrupted || handle.Cancelled) return;
        if (handle.EndedReasonAfterSpoken is { } reason) EndCall(reason);
        else if (handle.Kind == ResponseKind.Model && _plan.EndCallPhrases.Count > 0 && SpokenWords.ContainsPhrase(spoken, _plan.EndCallPhrases))
            EndCall("assistant-said-end-call-phrase");
        if (_endedReason is null && _ending is null && !AssistantBusy && !_callerSpeaking)
        {
            StartQuietClock();
            Arm(CallTimer.Silence, _plan.SilenceTimeout);
        }
    }

    /// <summary>
    /// Logs the reply's tool calls and results, each stamped when it happened (a call the session never heard of, in a
    /// reply cancelled meanwhile, when it settles); returns where they end in the artifact's list.
    /// </summary>
    private int LogTools(ResponseHandle handle, List<ChatMessage> added)
    {
        var now = _clock.GetUtcNow();
        var end = 0;
        foreach (var message in added)
        {
            if (message.ToolCalls.Count > 0)
            {
                var asked = message.ToolCalls.Select(c => When(handle.ToolCallsAt, c.Id)).OfType<DateTimeOffset>().DefaultIfEmpty(now).Min();
                end = _log.ToolCalls(new JsonArray(message.ToolCalls.Select(c => (JsonNode?)new JsonObject
                {
                    ["id"] = c.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
                }).ToArray()), asked);
            }
            else if (message.Role == ChatRole.Tool)
            {
                var answered = When(handle.ToolResultsAt, message.ToolCallId) ?? now;
                end = _log.ToolResult(message.ToolCallId ?? "", message.Name ?? "", message.Content ?? "", answered);
            }
        }
        return end;
    }

    /// <summary>The client's tool-calls message (a tool's own server gets its request from the tool's executor).</summary>
    private void PublishToolCalls(IReadOnlyList<ToolCall> calls)
    {
        var invocations = calls
            .Select(c => _services.Runner.Tools.Find(c.Name) is { } tool ? new ToolInvocation(c, ToolRound.ParseArguments(c.ArgumentsJson) ?? [], tool) : null)
            .OfType<ToolInvocation>()
            .ToList();
        if (invocations.Count > 0) _messages.Publish(CallMessages.ToolCalls(FunctionToolExecutor.ToolCallsFields(_context, invocations, forClient: true)));
    }

    private static DateTimeOffset? When(Dictionary<string, DateTimeOffset>? times, string? toolCallId) =>
        times is not null && toolCallId is not null && times.TryGetValue(toolCallId, out var at) ? at : null;
}
