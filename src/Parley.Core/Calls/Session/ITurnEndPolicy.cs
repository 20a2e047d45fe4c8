namespace Parley.Core.Calls.Session;

/// <summary>How long to wait after the caller stops before the assistant answers (the endpointing policy plugs in here).</summary>
public interface ITurnEndPolicy
{
    TimeSpan WaitAfterCallerStopped(string transcript);
}
