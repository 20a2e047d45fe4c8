using System.Diagnostics;

namespace Parley.Bench.Calls;

/// <summary>Peak working set and managed heap while calls run, against the figures taken before they started.</summary>
public sealed class MemoryWatch(long baselineWorkingSet, long baselineHeap)
{
    /// <summary>Often enough to catch the plateau of a 20 s run, rarely enough to cost nothing.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public long BaselineWorkingSet { get; } = baselineWorkingSet;
    public long BaselineHeap { get; } = baselineHeap;
    public long PeakWorkingSet { get; private set; } = baselineWorkingSet;
    public long PeakHeap { get; private set; } = baselineHeap;

    public async Task WatchAsync(Process process, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                process.Refresh();
                PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
                PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
