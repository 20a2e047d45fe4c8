namespace Parley.Core.Calls.Turns;

/// <summary>What endpointing rules look at when the caller stops: the assistant's last words, the caller's so far, and the pause.</summary>
public readonly record struct EndpointingContext(string? LastAssistantMessage, string CustomerTranscript, TimeSpan Pause = default);
