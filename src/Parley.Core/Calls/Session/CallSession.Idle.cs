using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Session;

/// <summary>
/// What the assistant does when nobody speaks: the messagePlan's idle messages and customer.speech.timeout hooks, on one
/// clock. "The clock starts when the assistant finishes speaking and remains active until the user speaks" (the idle
/// messages' clock also starts when the caller stops without a word: the seed's "the idle timer starts when the user stops
/// speaking"). Each fires once its timeout has passed, at most its maximum number of times a call (counted again after
/// the caller speaks when it says so), and not while a tool runs.
/// </summary>
public sealed partial class CallSession
{
    private const string SpeechTimeoutEvent = "customer.speech.timeout";

    /// <summary>One thing quiet time sets off: the idle messages, or a customer.speech.timeout hook.</summary>
    private sealed class QuietTimeout(TimeSpan timeout, int maxCount, bool resetOnUserSpeech, bool startsWhenCallerStops, Action fire)
    {
        public TimeSpan Timeout => timeout;
        public bool ResetOnUserSpeech => resetOnUserSpeech;
        public bool StartsWhenCallerStops => startsWhenCallerStops;
        public Action Fire => fire;

        /// <summary>When its clock started; null while someone speaks.</summary>
        public DateTimeOffset? Since { get; set; }

        public int Fired { get; set; }
        public bool FiredThisSilence { get; set; }
        public bool Waiting => Since is not null && !FiredThisSilence && Fired < maxCount;
    }

    private List<QuietTimeout>? _quietTimeouts;
    private int _idleMessageIndex;

    private List<QuietTimeout> QuietTimeouts => _quietTimeouts ??= ReadQuietTimeouts();

    private List<QuietTimeout> ReadQuietTimeouts()
    {
        var timeouts = new List<QuietTimeout>();
        if (_plan.IdleMessages.Count > 0)
            timeouts.Add(new QuietTimeout(_plan.IdleTimeout, _plan.IdleMessageMaxSpokenCount, _plan.IdleMessageResetCountOnUserSpeech,
                startsWhenCallerStops: true, SayIdleMessage));
        foreach (var hook in _plan.Hooks.Where(h => Str(h, "on") is { } on && (on == SpeechTimeoutEvent || on.StartsWith(SpeechTimeoutEvent + "[", StringComparison.Ordinal))))
            timeouts.Add(SpeechTimeoutHook(hook));
        return timeouts;
    }

    private void SayIdleMessage()
    {
        // Vapi picks at random; a rotation keeps calls reproducible and still varies the message.
        StartResponse(ResponseKind.IdleMessage, _plan.IdleMessages[_idleMessageIndex++ % _plan.IdleMessages.Count]);
    }

    /// <summary>
    /// A customer.speech.timeout hook with its options read (from <c>options</c>, or the <c>[name=value]</c> form, which
    /// wins); the assistant's hook is left as it was. A value that is not a finite number falls back to the default.
    /// </summary>
    private QuietTimeout SpeechTimeoutHook(JsonObject hook)
    {
        var options = (hook["options"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value) ?? [];
        // "customer.speech.timeout[timeoutSeconds=10]": the options written into the event's name.
        foreach (Match pair in HookOption().Matches(Str(hook, "on") ?? ""))
            options[pair.Groups[1].Value] = JsonValue.Create(pair.Groups[2].Value.Trim());
        double Number(string name, double fallback) =>
            Json.JsonRead.NumberOrNumericString(options.GetValueOrDefault(name)) is { } value && double.IsFinite(value) ? value : fallback;
        return new QuietTimeout(TimeSpan.FromSeconds(Math.Clamp(Number("timeoutSeconds", 7.5), 1, 1000)), (int)Math.Clamp(Number("triggerMaxCount", 3), 1, 10),
            Json.JsonRead.String(options.GetValueOrDefault("triggerResetMode")) == "onUserSpeech", startsWhenCallerStops: false,
            () => RunHookActions(hook, SpeechTimeoutEvent));
    }

    [GeneratedRegex(@"(\w+)\s*=\s*([^,\]]+)")]
    private static partial Regex HookOption();

    /// <summary>Quiet begins: after the assistant has finished speaking, or (<paramref name="callerStopped"/>) the caller stopped without a word.</summary>
    private void StartQuietClock(bool callerStopped = false)
    {
        var now = _clock.GetUtcNow();
        foreach (var timeout in QuietTimeouts)
        {
            if (callerStopped && !timeout.StartsWhenCallerStops) continue;
            timeout.Since = now;
            timeout.FiredThisSilence = false;
        }
        ArmNextQuietTimeout();
    }

    /// <summary>Someone speaks (the caller, or the assistant again): every clock stops.</summary>
    private void StopQuietClock(bool callerSpoke)
    {
        if (_quietTimeouts is not { Count: > 0 } timeouts) return;
        Disarm(CallTimer.Idle);
        foreach (var timeout in timeouts)
        {
            timeout.Since = null;
            if (callerSpoke && timeout.ResetOnUserSpeech) timeout.Fired = 0;
        }
    }

    private void ArmNextQuietTimeout()
    {
        var next = QuietTimeouts.Where(t => t.Waiting).Select(t => t.Since!.Value + t.Timeout).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (next == DateTimeOffset.MaxValue) return;
        var now = _clock.GetUtcNow();
        Arm(CallTimer.Idle, next > now ? next - now : TimeSpan.Zero);
    }

    private void OnIdleElapsed()
    {
        if (_callerSpeaking || AssistantBusy || _toolsRunning || _ending is not null) return;
        var now = _clock.GetUtcNow();
        foreach (var timeout in QuietTimeouts.Where(t => t.Waiting && t.Since!.Value + t.Timeout <= now).ToList())
        {
            timeout.FiredThisSilence = true;
            timeout.Fired++;
            timeout.Fire();
        }
        if (!AssistantBusy) ArmNextQuietTimeout();
    }
}
