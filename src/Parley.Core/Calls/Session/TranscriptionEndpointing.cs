namespace Parley.Core.Calls.Session;

/// <summary>transcriptionEndpointingPlan: extra waits by how the transcript ends.</summary>
public sealed record TranscriptionEndpointing(TimeSpan OnPunctuation, TimeSpan OnNoPunctuation, TimeSpan OnNumber);
