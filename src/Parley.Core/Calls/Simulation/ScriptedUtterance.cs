namespace Parley.Core.Calls.Simulation;

/// <summary>One stretch of caller speech.</summary>
public sealed record ScriptedUtterance(string Text, TimeSpan From, TimeSpan To, TimeSpan FinalDelay)
{
    public string[] Words => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
