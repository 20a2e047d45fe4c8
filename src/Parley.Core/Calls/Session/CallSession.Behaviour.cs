using System.Text.Json.Nodes;
using Parley.Core.Conversations;

namespace Parley.Core.Calls.Session;

/// <summary>First message, silence timeout, live control messages and hooks.</summary>
public sealed partial class CallSession
{
    private void StartFirstMessage()
    {
        switch (_plan.FirstMessageMode)
        {
            case "assistant-waits-for-user":
                break;
            case "assistant-speaks-first-with-model-generated-message":
                StartResponse(ResponseKind.Model, null, _plan.FirstMessageInterruptionsEnabled);
                break;
            default:
                StartFirstMessageReply();
                break;
        }
    }

    /// <summary>The first message: its words through the voice, or the audio file it named, played as it is.</summary>
    private void StartFirstMessageReply()
    {
        if (_plan.FirstMessage is not { } first) return;
        StartResponse(ResponseKind.FirstMessage, first, _plan.FirstMessageInterruptionsEnabled, audio: _services.FirstMessageAudio);
    }

    private void OnSilenceElapsed()
    {
        if (_callerSpeaking || AssistantBusy) return;
        if (_plan.SilenceTimeoutMessage is { } message)
        {
            var handle = StartResponse(ResponseKind.SilenceTimeout, message, interruptible: false);
            handle.EndedReasonAfterSpoken = "silence-timed-out";
        }
        else
        {
            EndCall("silence-timed-out");
        }
    }

    /// <summary>
    /// A control message comes from a client (the control URL, the call's socket): one that cannot be applied is
    /// reported and dropped, and the call goes on.
    /// </summary>
    private void ApplyControl(JsonObject message)
    {
        try
        {
            OnControl(message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _services.ReportFault?.Invoke($"a {Str(message, "type") ?? "control"} message could not be applied and was dropped", e);
        }
    }

    private void OnControl(JsonObject message)
    {
        switch (Str(message, "type"))
        {
            case "say":
                var text = Str(message, "content") ?? Str(message, "message");
                if (text is null) return;
                if (Bool(message, "interruptAssistantEnabled") == true && _audible is { } speaking)
                {
                    // Not the caller: no user-interrupted, and no backoff before the say is heard.
                    CutOff(speaking);
                    Settle(speaking);
                }
                var say = StartResponse(ResponseKind.Say, text, Bool(message, "interruptionsEnabled") ?? false);
                if (Bool(message, "endCallAfterSpoken") == true) say.EndedReasonAfterSpoken = Messages.EndedReasons.EndedAfterMessageSpoken;
                break;
            case "add-message":
                // The seed's background messages "silently update chat history ... without interrupting or notifying the
                // user", and its example sends no flag: a reply only when triggerResponseEnabled asks for one (Vapi's
                // API reference defaults it to true; the seed is the spec here).
                if (message["message"] is JsonObject added) AddBackgroundMessage(added, Bool(message, "triggerResponseEnabled") ?? false);
                break;
            case "end-call":
            case "hangup":
                EndCall("customer-ended-call");
                break;
            case "transfer" when message["destination"] is JsonObject destination:
                if (Str(message, "content") is { } announcement) StartResponse(ResponseKind.Say, announcement, interruptible: false);
                if (_services.Transfer is { } transfer) _ = transfer.TransferAsync(destination, _callCts.Token);
                break;
            case "transfer":
                // The control URL refuses it with a 400; over the call's socket there is nobody to answer, so it is reported.
                _services.ReportFault?.Invoke("a transfer message without a destination was dropped", null);
                break;
            case "control":
                switch (Str(message, "control"))
                {
                    case "mute-assistant": _assistantMuted = true; break;
                    case "unmute-assistant": _assistantMuted = false; break;
                    case "mute-customer": Volatile.Write(ref _customerMuted, true); break;
                    case "unmute-customer": Volatile.Write(ref _customerMuted, false); break;
                    case "say-first-message":
                        StartFirstMessageReply();
                        break;
                }
                break;
        }
    }

    /// <summary>A background message (add-message, a hook's message.add): in the history, and answered when asked to.</summary>
    private void AddBackgroundMessage(JsonObject message, bool triggerResponse)
    {
        if (OpenAiMessages.FromJson(message) is not { } chat) return;
        _context.History.Add(chat);
        _log.Background(chat, _clock.GetUtcNow());
        PublishConversationUpdate();
        if (triggerResponse) StartResponse(ResponseKind.Model, null);
    }

    /// <summary>
    /// Ends the call once what the assistant is saying now has been said (the endCall tool, a transfer): the
    /// endCallMessage, when set, is spoken last.
    /// </summary>
    private void OnEndAfterReply(string endedReason)
    {
        if (_endedReason is not null) return;
        if (_plan.EndCallMessage is { } farewell)
        {
            StartResponse(ResponseKind.Say, farewell, interruptible: false).EndedReasonAfterSpoken = endedReason;
            return;
        }
        var last = _handles.Values.Where(h => !h.Cancelled).MaxBy(h => h.Id);
        if (last is null) EndCall(endedReason);
        else last.EndedReasonAfterSpoken ??= endedReason;
    }

    /// <summary>
    /// Runs the actions of every hook on <paramref name="on"/> whose filters match; returns the last reply a say action
    /// started (null when none did).
    /// </summary>
    private ResponseHandle? RunHooks(string on, string? endedReason)
    {
        ResponseHandle? said = null;
        foreach (var hook in _plan.Hooks)
        {
            if (Str(hook, "on") != on || !FiltersMatch(hook, endedReason)) continue;
            said = RunHookActions(hook, on) ?? said;
        }
        return said;
    }

    /// <summary>Runs one hook's actions; returns the last reply a say action started.</summary>
    private ResponseHandle? RunHookActions(JsonObject hook, string on)
    {
        ResponseHandle? said = null;
        foreach (var action in (hook["do"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            switch (Str(action, "type"))
            {
                case "say" when _endedReason is null:
                    said = HookSay(action, interruptible: on != "call.ending") ?? said;
                    break;
                case "tool" when _services.HookTools is { } tools && action["tool"] is JsonObject tool:
                    _ = tools.RunAsync(tool, _context, CancellationToken.None);
                    break;
                // The docs' form: the function, its server and async flag on the action itself.
                case "function" when _services.HookTools is { } tools && action["function"] is JsonObject function:
                    var asTool = new JsonObject { ["type"] = "function", ["function"] = function.DeepClone() };
                    foreach (var field in (string[])["server", "async", "messages"])
                        if (action[field] is { } value) asTool[field] = value.DeepClone();
                    _ = tools.RunAsync(asTool, _context, CancellationToken.None);
                    break;
                case "transfer" when _services.Transfer is { } transfer && action["destination"] is JsonObject destination:
                    _ = transfer.TransferAsync(destination, _callCts.Token);
                    break;
                // A call that is ending says only what its call.ending hooks say: no reply is asked for then.
                case "message.add" when _endedReason is null && action["message"] is JsonObject message:
                    AddBackgroundMessage(message, (Bool(action, "triggerResponseEnabled") ?? true) && on != "call.ending");
                    break;
            }
        }
        return said;
    }

    // Per say action: its exact variants are said in turn.
    private readonly Dictionary<JsonObject, int> _hookSayTurns = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A hook's say: <c>exact</c> (one text, or variants of which one is said in turn), else <c>prompt</c> (an
    /// instruction, or messages, from which the model words what is said).
    /// </summary>
    private ResponseHandle? HookSay(JsonObject action, bool interruptible)
    {
        var exact = action["exact"] is JsonArray variants
            ? variants.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null).OfType<string>().ToList()
            : (Str(action, "exact") ?? Str(action, "content")) is { } one ? [one] : [];
        if (exact.Count > 0)
        {
            var turn = _hookSayTurns.GetValueOrDefault(action);
            _hookSayTurns[action] = turn + 1;
            return StartResponse(ResponseKind.HookSay, exact[turn % exact.Count], interruptible);
        }
        var instructions = action["prompt"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var prompt) && prompt.Length > 0 => [Llm.ChatMessage.System(prompt)],
            JsonArray messages => messages.OfType<JsonObject>().Select(OpenAiMessages.FromJson).OfType<Llm.ChatMessage>().ToList(),
            _ => [],
        };
        return instructions.Count > 0 ? StartResponse(ResponseKind.Model, null, interruptible, instructions: instructions) : null;
    }

    /// <summary>
    /// Vapi's hook filters: <c>{type:"oneOf", key:"call.endedReason", oneOf:[...]}</c>. The docs' catch-all
    /// <c>"pipeline-error"</c> stands for every pipeline-error-… reason.
    /// </summary>
    private static bool FiltersMatch(JsonObject hook, string? endedReason)
    {
        foreach (var filter in (hook["filters"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (Str(filter, "key") != "call.endedReason") continue;
            var allowed = (filter["oneOf"] as JsonArray)?.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null).ToList() ?? [];
            if (endedReason is null || !allowed.Any(a => a == endedReason || a == "pipeline-error" && endedReason.StartsWith("pipeline-error-", StringComparison.Ordinal)))
                return false;
        }
        return true;
    }

    private static string? Str(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static bool? Bool(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
