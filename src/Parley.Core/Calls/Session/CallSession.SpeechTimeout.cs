using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Session;

/// <summary>
/// customer.speech.timeout hooks: "the clock starts when the assistant finishes speaking and remains active until the
/// user speaks"; a hook fires once its timeoutSeconds (default 7.5) pass, at most triggerMaxCount times a call (default 3;
/// triggerResetMode onUserSpeech starts the count again when the caller speaks). Off while a tool runs, like idle messages.
/// </summary>
public sealed partial class CallSession
{
    private const string SpeechTimeoutEvent = "customer.speech.timeout";

    /// <summary>One customer.speech.timeout hook with its options read (from <c>options</c> or the <c>[name=value]</c> form).</summary>
    private sealed record SpeechTimeoutHook(JsonObject Hook, TimeSpan Timeout, int MaxCount, bool ResetOnUserSpeech)
    {
        public int Fired { get; set; }
        public bool FiredThisSilence { get; set; }
    }

    private List<SpeechTimeoutHook>? _speechTimeoutHooks;
    private DateTimeOffset? _assistantFinishedAt;

    private List<SpeechTimeoutHook> SpeechTimeoutHooks => _speechTimeoutHooks ??= _plan.Hooks
        .Where(h => Str(h, "on") is { } on && (on == SpeechTimeoutEvent || on.StartsWith(SpeechTimeoutEvent + "[", StringComparison.Ordinal)))
        .Select(ReadSpeechTimeoutHook)
        .ToList();

    private static SpeechTimeoutHook ReadSpeechTimeoutHook(JsonObject hook)
    {
        var options = hook["options"] as JsonObject ?? [];
        // "customer.speech.timeout[timeoutSeconds=10]": the options written into the event's name.
        foreach (Match pair in HookOption().Matches(Str(hook, "on") ?? ""))
            options[pair.Groups[1].Value] = double.TryParse(pair.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : pair.Groups[2].Value;
        var seconds = Json.JsonRead.NumberOrNumericString(options["timeoutSeconds"]) ?? 7.5;
        var maxCount = Json.JsonRead.NumberOrNumericString(options["triggerMaxCount"]) ?? 3;
        return new SpeechTimeoutHook(hook, TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 1000)), (int)Math.Clamp(maxCount, 1, 10),
            Json.JsonRead.String(options["triggerResetMode"]) == "onUserSpeech");
    }

    [GeneratedRegex(@"(\w+)\s*=\s*([^,\]]+)")]
    private static partial Regex HookOption();

    /// <summary>The assistant has finished speaking and the caller is quiet: the clock starts.</summary>
    private void StartSpeechTimeoutClock()
    {
        if (SpeechTimeoutHooks.Count == 0) return;
        _assistantFinishedAt = _clock.GetUtcNow();
        foreach (var hook in SpeechTimeoutHooks) hook.FiredThisSilence = false;
        ArmNextSpeechTimeout();
    }

    /// <summary>Someone speaks (the caller, or the assistant again): the clock stops.</summary>
    private void StopSpeechTimeoutClock(bool callerSpoke)
    {
        if (_speechTimeoutHooks is not { Count: > 0 } hooks) return;
        _assistantFinishedAt = null;
        Disarm(CallTimer.SpeechTimeout);
        if (!callerSpoke) return;
        foreach (var hook in hooks)
            if (hook.ResetOnUserSpeech) hook.Fired = 0;
    }

    private void ArmNextSpeechTimeout()
    {
        if (_assistantFinishedAt is not { } since) return;
        var next = SpeechTimeoutHooks.Where(Waiting).Select(h => since + h.Timeout).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (next == DateTimeOffset.MaxValue) return;
        var now = _clock.GetUtcNow();
        Arm(CallTimer.SpeechTimeout, next > now ? next - now : TimeSpan.Zero);
    }

    private static bool Waiting(SpeechTimeoutHook hook) => !hook.FiredThisSilence && hook.Fired < hook.MaxCount;

    private void OnSpeechTimeoutElapsed()
    {
        if (_assistantFinishedAt is not { } since || _callerSpeaking || AssistantBusy || _toolsRunning || _ending is not null) return;
        var now = _clock.GetUtcNow();
        foreach (var hook in SpeechTimeoutHooks.Where(h => Waiting(h) && since + h.Timeout <= now).ToList())
        {
            hook.FiredThisSilence = true;
            hook.Fired++;
            RunHookActions(hook.Hook, SpeechTimeoutEvent);
        }
        if (!AssistantBusy) ArmNextSpeechTimeout();
    }
}
