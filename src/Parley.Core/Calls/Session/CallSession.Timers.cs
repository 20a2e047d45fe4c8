using Parley.Core.Calls.Messages;

namespace Parley.Core.Calls.Session;

/// <summary>The session's timers: one re-armable timer per kind, with a generation so a late firing is ignored.</summary>
public sealed partial class CallSession
{
    private readonly ITimer?[] _timers = new ITimer?[Enum.GetValues<CallTimer>().Length];
    private readonly long[] _generations = new long[Enum.GetValues<CallTimer>().Length];
    private readonly bool[] _armed = new bool[Enum.GetValues<CallTimer>().Length];

    private void CreateTimers()
    {
        foreach (var kind in Enum.GetValues<CallTimer>())
        {
            var k = kind;
            _timers[(int)k] = _clock.CreateTimer(_ => Post(new TimerElapsed(k, Volatile.Read(ref _generations[(int)k]))), null,
                Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Arm(CallTimer kind, TimeSpan after)
    {
        Interlocked.Increment(ref _generations[(int)kind]);
        _armed[(int)kind] = true;
        _timers[(int)kind]!.Change(after > TimeSpan.Zero ? after : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void Disarm(CallTimer kind)
    {
        if (!_armed[(int)kind]) return;
        Interlocked.Increment(ref _generations[(int)kind]);
        _armed[(int)kind] = false;
        _timers[(int)kind]!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private bool IsArmed(CallTimer kind) => _armed[(int)kind];

    private void OnTimer(TimerElapsed t)
    {
        if (!_armed[(int)t.Timer] || t.Generation != Volatile.Read(ref _generations[(int)t.Timer])) return;
        _armed[(int)t.Timer] = false;
        switch (t.Timer)
        {
            case CallTimer.TurnEnd: OnTurnEnded(); break;
            case CallTimer.BargeInVoice: OnBargeInVoiceElapsed(); break;
            case CallTimer.FalseInterruption: OnFalseInterruptionElapsed(); break;
            case CallTimer.Idle: OnIdleElapsed(); break;
            case CallTimer.Silence: OnSilenceElapsed(); break;
            case CallTimer.MaxDuration: EndCall("exceeded-max-duration"); break;
            case CallTimer.Hang: _messages.Publish(CallMessages.Hang()); break;
        }
    }

    private void DisposeTimers()
    {
        foreach (var timer in _timers) timer?.Dispose();
    }
}
