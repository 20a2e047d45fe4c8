namespace Parley.Bench.Calls;

/// <summary>What the Parley side costs at one instant: its process's CPU so far, working set and managed heap.</summary>
public readonly record struct ServerSample(TimeSpan Cpu, long WorkingSet, long Heap);
