namespace Parley.Core.Calls.Turns;

/// <summary>
/// How long after the caller stops before their turn is over (<see cref="Timeout"/>, decided by <see cref="Rule"/>),
/// and the startSpeakingPlan.waitSeconds the assistant's audio must still respect afterwards.
/// </summary>
public readonly record struct EndpointingDecision(TimeSpan Timeout, string Rule, TimeSpan WaitBeforeSpeaking);
