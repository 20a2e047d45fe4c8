using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench.Calls;

/// <summary>
/// The fake providers' set waits as they actually came out: a wait is a timer, and on a busy machine a timer fires late
/// and its continuation waits for a thread-pool worker, in the session's process. Every wait counts: the transcriber's
/// (which mostly overlaps the VAD's stop), the model's and one per chunk of the voice's. A reply waits on the model's
/// and then the voice's first, where the baseline has one timer per reply, so this says how much of a slow turn may
/// have been the providers' timers rather than Parley's own work.
/// </summary>
public static class ProviderDelays
{
    private static readonly ConcurrentQueue<double> s_overrunMs = new();

    /// <summary>Waits <paramref name="wait"/> on <paramref name="clock"/> and records how far past it the caller resumed.</summary>
    public static async Task WaitAsync(TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(wait, clock, cancellationToken);
        // Only on the real clock: a test's virtual clock says nothing about this machine.
        if (clock == TimeProvider.System) s_overrunMs.Enqueue((Stopwatch.GetElapsedTime(started) - wait).TotalMilliseconds);
    }

    /// <summary>p50/p99 of the overruns since the last call, or null when there were none.</summary>
    public static string? TakeSummary()
    {
        var overruns = new List<double>();
        while (s_overrunMs.TryDequeue(out var ms)) overruns.Add(ms);
        if (overruns.Count == 0) return null;
        overruns.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"the fake providers' waits ran over by {NearestRank.Of(overruns, 0.5):F0}/{NearestRank.Of(overruns, 0.99):F0} ms (p50/p99 of {overruns.Count})");
    }
}
