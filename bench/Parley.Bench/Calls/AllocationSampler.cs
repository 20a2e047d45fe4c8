using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Parley.Bench.Calls;

/// <summary>
/// What the server allocates, by type: the runtime reports a sample about every 100 KB allocated (GC AllocationTick),
/// naming the type that crossed the mark, so types are counted in proportion to the bytes they take. On when the
/// calls-server runs with PARLEY_BENCH_ALLOCATIONS=1; the top types go to stderr after each row, after one line per
/// collection (its generation, the bytes it promoted out of gen0 and gen1, the generations' sizes after it) and one per
/// pause (how long the threads stood still, and how much of that it took to stop them): what a collection promotes is
/// what it copies. A line per collection splits its time by mark root (bytes kept alive from thread stacks, handles,
/// older generations through the card table...; the time between the runtime's mark events) and the rest (planning,
/// relocating and compacting), to tell a pause spent finding survivors from one spent moving them. The split is read
/// for the workstation GC the bench's server runs: under the server GC every heap reports its own marks, interleaved.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int TopTypes = 25;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();

    public static AllocationSampler? FromEnvironment() =>
        Environment.GetEnvironmentVariable("PARLEY_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    private readonly ConcurrentQueue<string> _collections = new();
    // GCStart names the generation; the GCHeapStats that follows each collection carries its figures.
    private int _lastDepth;
    private DateTime _suspendBegan, _suspended, _phaseStart;
    private readonly List<string> _marks = [];
    private bool _backgroundRunning;

    private static string MarkKind(int type) => type switch
    {
        0 => "stacks", 1 => "finalizer queue", 2 => "handles", 3 => "older generations", 4 => "sized refs", 5 => "overflow",
        // Later runtimes add kinds this does not name.
        _ => $"kind {type}",
    };

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || e.Payload is not { } payload || e.PayloadNames is not { } names) return;
        long Field(string field) => names.IndexOf(field) is >= 0 and var i ? Convert.ToInt64(payload[i]) : 0;
        if (name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal)) _suspendBegan = e.TimeStamp;
        else if (name.StartsWith("GCSuspendEEEnd", StringComparison.Ordinal)) { _suspended = e.TimeStamp; _phaseStart = e.TimeStamp; _marks.Clear(); }
        else if (name.StartsWith("GCMarkWithType", StringComparison.Ordinal))
        {
            _marks.Add($"{MarkKind((int)Field("Type"))} {Field("Bytes") / 1e6:F1} MB {(e.TimeStamp - _phaseStart).TotalMilliseconds:F1} ms");
            _phaseStart = e.TimeStamp;
        }
        else if (name.StartsWith("GCEnd", StringComparison.Ordinal))
        {
            if (_backgroundRunning && Field("Depth") == 2)
            {
                // A background collection marks while the program runs: its time is not a pause, so there is none to split.
                _backgroundRunning = false;
                _collections.Enqueue("background gen2 ended (marked alongside the program; its short pauses are the pause lines)");
            }
            else
            {
                _marks.Add($"rest {(e.TimeStamp - _phaseStart).TotalMilliseconds:F1} ms");
                _collections.Enqueue("marked from: " + string.Join(", ", _marks));
            }
            _marks.Clear();
        }
        else if (name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal))
            _collections.Enqueue($"pause {(e.TimeStamp - _suspendBegan).TotalMilliseconds:F1} ms, of which stopping the threads {(_suspended - _suspendBegan).TotalMilliseconds:F1} ms");
        else if (name.StartsWith("GCStart", StringComparison.Ordinal))
        {
            _lastDepth = (int)Field("Depth");
            // Type 1 is a background collection, which may have foreground ones run inside it.
            if (Field("Type") == 1) _backgroundRunning = true;
            // A background collection marks without a suspension of its own: its marks must not join the next line.
            _marks.Clear();
        }
        else if (name.StartsWith("GCHeapStats", StringComparison.Ordinal))
            _collections.Enqueue($"gen{_lastDepth}: promoted from gen0 {Field("TotalPromotedSize0") / 1e6:F1} MB, from gen1 {Field("TotalPromotedSize1") / 1e6:F1} MB; " +
                $"sizes after: gen0 {Field("GenerationSize0") / 1e6:F1} MB, gen1 {Field("GenerationSize1") / 1e6:F1} MB, gen2 {Field("GenerationSize2") / 1e6:F1} MB, large {Field("GenerationSize3") / 1e6:F1} MB, pinned {Field("GenerationSize4") / 1e6:F1} MB");
        else if (name.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            var type = names.IndexOf("TypeName") is >= 0 and var t ? payload[t] as string ?? "?" : "?";
            var amount = names.Contains("AllocationAmount64") ? Field("AllocationAmount64") : 100_000;
            _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }

    /// <summary>Prints the types that took the most bytes since the last report, then starts counting afresh.</summary>
    public void Report(TextWriter output)
    {
        var snapshot = _bytesByType.ToArray();
        _bytesByType.Clear();
        var total = snapshot.Sum(p => p.Value);
        while (_collections.TryDequeue(out var collection)) output.WriteLine("  " + collection);
        output.WriteLine($"allocated about {total / 1e6:F0} MB; by type:");
        foreach (var (type, bytes) in snapshot.OrderByDescending(p => p.Value).Take(TopTypes))
            output.WriteLine($"  {bytes / 1e6,8:F1} MB  {bytes * 100.0 / Math.Max(total, 1),5:F1}%  {type}");
    }
}
