namespace Parley.Core.Calls.Simulation;

/// <summary>One stretch of caller speech.</summary>
public sealed record ScriptedUtterance(string Text, TimeSpan From, TimeSpan To, TimeSpan FinalDelay)
{
    /// <summary>False for speech the voice detector misses (too short for it) while the transcriber still hears the words.</summary>
    public bool Detected { get; init; } = true;

    public string[] Words => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
