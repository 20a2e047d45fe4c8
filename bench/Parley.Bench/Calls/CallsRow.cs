namespace Parley.Bench.Calls;

/// <summary>One table row: the figures of every caller of one run, merged.</summary>
public sealed record CallsRow(string Server, int Calls, int Failed, int Dropped, List<TimeSpan> Replies, int RepliesMissing, List<TimeSpan> BargeIns,
    int BargeInsMissed, long Gaps, long LateGaps, long LateFrames, TimeSpan Cpu, TimeSpan? BenchCpu, TimeSpan Wall, ServerWatch Watch, List<TimeSpan> SendLag,
    int UncleanCloses, int EndsLost, IReadOnlyList<string> DropReasons, int Collections, TimeSpan GcPause, long PoolItems, TimeSpan CallTime)
{
    public const string Header =
        "server  calls  fail  drop  turns  miss  adds p50  adds p99  barge p50  barge p99  b.miss  late >20ms         gaps >25ms         cpu%  cpu ms/s/call  WS MB/call  heap MB/call  bench cpu%  send lag p99     GCs  GC pause";

    public static CallsRow From(string server, int calls, IReadOnlyList<CallerFigures> figures, TimeSpan cpu, TimeSpan? benchCpu, TimeSpan wall, ServerWatch watch,
        int collections, TimeSpan gcPause, long poolItems) => new(
        server,
        calls,
        figures.Count(f => f.ConnectFailed),
        figures.Count(f => f.Dropped),
        Sorted(figures.SelectMany(f => f.ReplyLatencies)),
        figures.Sum(f => f.RepliesMissing),
        Sorted(figures.SelectMany(f => f.BargeIns)),
        figures.Sum(f => f.BargeInsMissed),
        figures.Sum(f => f.Gaps),
        figures.Sum(f => f.LateGaps),
        figures.Sum(f => f.LateFrames),
        cpu, benchCpu, wall, watch,
        Sorted(figures.SelectMany(f => f.SendLag)),
        figures.Count(f => f.UncleanClose),
        figures.Count(f => f.EndLost),
        figures.Select(f => f.DropReason).OfType<string>().ToList(),
        collections, gcPause, poolItems, figures.Aggregate(TimeSpan.Zero, (sum, f) => sum + f.Connected));

    /// <summary>Lines to print under the row: the server's thread pool, why calls dropped, and calls that ended without a close handshake.</summary>
    public IEnumerable<string> Notes()
    {
        yield return $"server thread pool: {Watch.BaselinePoolThreads} threads before, {Watch.PeakPoolThreads} at most; up to {Watch.PeakPoolQueue} work items waiting (sampled every 250 ms); {PoolItems / Wall.TotalSeconds:F0} work items run a second";
        foreach (var reason in DropReasons.GroupBy(r => r).OrderByDescending(g => g.Count()).Take(3))
            yield return $"{reason.Count()} call(s) dropped: {reason.Key}";
        if (EndsLost > 0) yield return $"{EndsLost} call(s) ran their script, but the socket failed before the end-of-call report arrived";
        if (UncleanCloses > 0) yield return $"{UncleanCloses} call(s) complete (report received), but the server reset the socket before the client's close reply";
    }

    public string Format()
    {
        var cores = Environment.ProcessorCount;
        var cpuShare = Cpu / (Wall * cores) * 100;
        // Over the seconds calls were connected, not the row's wall time: the ramp and the hang-ups hold fewer calls.
        var perCall = CallTime > TimeSpan.Zero ? Cpu.TotalMilliseconds / CallTime.TotalSeconds : 0;
        const double mb = 1024 * 1024;
        var workingSet = (Watch.PeakWorkingSet - Watch.BaselineWorkingSet) / mb / Calls;
        var heap = (Watch.PeakHeap - Watch.BaselineHeap) / mb / Calls;
        var late = Gaps == 0 ? "-" : $"{LateFrames} ({Share(LateFrames, Gaps)})";
        var jitter = Gaps == 0 ? "-" : $"{LateGaps} ({Share(LateGaps, Gaps)})";
        var benchShare = BenchCpu is { } bench ? $"{bench / (Wall * cores) * 100:F0}" : "-";
        return $"{Server,-6}  {Calls,5}  {Failed,4}  {Dropped,4}  {Replies.Count,5}  {RepliesMissing,4}  {Ms(Replies, 0.50),8}  {Ms(Replies, 0.99),8}  "
            + $"{Ms(BargeIns, 0.50),9}  {Ms(BargeIns, 0.99),9}  {BargeInsMissed,6}  {late,-17}  {jitter,-17}  {cpuShare,4:F0}  {perCall,13:F1}  "
            + $"{workingSet,10:F2}  {heap,12:F2}  {benchShare,10}  {Ms(SendLag, 0.99),12}  {Collections,6}  {GcPause.TotalMilliseconds,5:F0} ms";
    }

    /// <summary>This row beside the baseline's row of the same N: what Parley costs over a bare agent on the same stack.</summary>
    public string Against(CallsRow bare)
    {
        var cpu = bare.Cpu > TimeSpan.Zero ? $"{Cpu / bare.Cpu:F2}x the baseline's CPU" : "baseline CPU not measured";
        return $"parley vs bare at {Calls}: {cpu}; adds p99 {Ms(Replies, 0.99)} vs {Ms(bare.Replies, 0.99)}; "
            + $"barge p99 {Ms(BargeIns, 0.99)} vs {Ms(bare.BargeIns, 0.99)}; late frames {Share(LateFrames, Gaps)} vs {Share(bare.LateFrames, bare.Gaps)}; "
            + $"GC pauses {GcPause.TotalMilliseconds:F0} ms vs {bare.GcPause.TotalMilliseconds:F0} ms";
    }

    /// <summary>A count as a share of frames: rows can differ in turns and interruptions, so raw counts do not compare.</summary>
    private static string Share(long count, long of) => of == 0 ? "-" : $"{count * 100.0 / of:F2}%";

    private static List<TimeSpan> Sorted(IEnumerable<TimeSpan> values)
    {
        var list = values.ToList();
        list.Sort();
        return list;
    }

    /// <summary>Nearest-rank percentile in milliseconds; a dash when nothing was measured.</summary>
    private static string Ms(List<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0) return "-";
        return $"{NearestRank.Of(sorted, p).TotalMilliseconds:F0} ms";
    }
}
