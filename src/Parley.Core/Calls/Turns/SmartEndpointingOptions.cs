namespace Parley.Core.Calls.Turns;

/// <summary>startSpeakingPlan.smartEndpointingPlan: provider <c>vapi|livekit|custom-endpointing-model</c> and its waitFunction.</summary>
public sealed record SmartEndpointingOptions(string Provider, string? WaitFunction = null);
