namespace Parley.Bench.Calls;

/// <summary>
/// What the Parley side costs at one instant: its process's CPU so far, working set and managed heap, and the garbage
/// collections so far with their total pause (a pause stops every call at once), and its thread pool: threads and work
/// items waiting (threads added under load mean work blocked them; a long queue is where frames wait).
/// </summary>
public readonly record struct ServerSample(TimeSpan Cpu, long WorkingSet, long Heap, int Collections, TimeSpan GcPause, int PoolThreads, long PoolQueue, long PoolItemsDone);
