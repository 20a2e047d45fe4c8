using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;

namespace Parley.Core.Calls.Session;

/// <summary>
/// smartEndpointingPlan provider custom-endpointing-model: every final transcript asks the user's server how long to
/// wait (call.endpointing.request); its latest answer sets when the turn ends. Until it answers, the turn waits
/// <see cref="CustomEndpointingLimit"/> at most; with no usable answer, the plan's other rules decide.
/// </summary>
public sealed partial class CallSession
{
    /// <summary>How long the server has to answer before the turn ends without its advice.</summary>
    public static readonly TimeSpan CustomEndpointingLimit = TimeSpan.FromSeconds(1.5);

    private int _endpointingGeneration;
    private TimeSpan? _endpointingAdvice;
    private bool _endpointingUnanswered;

    /// <summary>A new final transcript: the server's last answer is for older words; ask again.</summary>
    private void AskEndpointing()
    {
        if (_services.CustomEndpointing is not { } model) return;
        var generation = ++_endpointingGeneration;
        _endpointingAdvice = null;
        _endpointingUnanswered = false;
        var messages = _log.ArtifactMessages();
        var started = _turnStartedAt ?? _clock.GetUtcNow();
        messages.Add(new JsonObject
        {
            ["role"] = "user",
            ["message"] = _pendingUserText.ToString(),
            ["time"] = started.ToUnixTimeMilliseconds(),
            ["secondsFromStart"] = (started - _startedAt).TotalSeconds,
        });
        _ = AskEndpointingAsync(model, generation, messages);
    }

    private async Task AskEndpointingAsync(Turns.ICustomEndpointingModel model, int generation, JsonArray messages)
    {
        TimeSpan? timeout = null;
        try
        {
            using var limit = new CancellationTokenSource(CustomEndpointingLimit, _clock);
            using var ended = _callCts.Token.Register(static s => ((CancellationTokenSource)s!).Cancel(), limit);
            timeout = await model.TimeoutAsync(messages, limit.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _services.ReportFault?.Invoke("the custom endpointing model's request failed", e);
        }
        Post(new EndpointingAdvised(generation, timeout));
    }

    private void OnEndpointingAdvised(EndpointingAdvised advice)
    {
        if (advice.Generation != _endpointingGeneration) return;
        _endpointingAdvice = advice.Timeout;
        _endpointingUnanswered = advice.Timeout is null;
        if (!IsArmed(CallTimer.TurnEnd)) return;
        Disarm(CallTimer.TurnEnd);
        ArmTurnEndIfReady();
    }

    /// <summary>How long after the caller stopped their turn ends: a matching custom rule, else the custom endpointing model's advice.</summary>
    private TimeSpan TurnEndWait()
    {
        var transcript = _pendingUserText.ToString();
        if (_services.CustomEndpointing is null || _endpointingUnanswered)
            return _turnEndPolicy.WaitAfterCallerStopped(transcript, LastAssistantWords());
        // Custom endpointing rules come first (the seed: "highest priority"), the server's answer after them.
        return _turnEndPolicy.CustomRuleWait(transcript, LastAssistantWords())
            ?? (_endpointingAdvice ?? CustomEndpointingLimit) + _plan.StartSpeakingWait;
    }
}
