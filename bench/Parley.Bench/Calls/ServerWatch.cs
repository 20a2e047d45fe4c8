namespace Parley.Bench.Calls;

/// <summary>
/// Peaks of the server side while calls run, against the figures taken before: working set, managed heap, thread-pool
/// threads and queued work items.
/// </summary>
public sealed class ServerWatch(ServerSample baseline)
{
    /// <summary>Often enough to catch the plateau of a 20 s run, rarely enough to cost nothing.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public long BaselineWorkingSet { get; } = baseline.WorkingSet;
    public long BaselineHeap { get; } = baseline.Heap;
    public long PeakWorkingSet { get; private set; } = baseline.WorkingSet;
    public long PeakHeap { get; private set; } = baseline.Heap;
    public int BaselinePoolThreads { get; } = baseline.PoolThreads;
    public int PeakPoolThreads { get; private set; } = baseline.PoolThreads;
    public long PeakPoolQueue { get; private set; }

    public async Task WatchAsync(IBenchServer server, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var sample = await server.SampleAsync();
                PeakWorkingSet = Math.Max(PeakWorkingSet, sample.WorkingSet);
                PeakHeap = Math.Max(PeakHeap, sample.Heap);
                PeakPoolThreads = Math.Max(PeakPoolThreads, sample.PoolThreads);
                PeakPoolQueue = Math.Max(PeakPoolQueue, sample.PoolQueue);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
