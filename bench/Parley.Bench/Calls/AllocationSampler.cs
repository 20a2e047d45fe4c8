using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Parley.Bench.Calls;

/// <summary>
/// What the server allocates, by type: the runtime reports a sample about every 100 KB allocated (GC AllocationTick),
/// naming the type that crossed the mark, so types are counted in proportion to the bytes they take. On when the
/// calls-server runs with PARLEY_BENCH_ALLOCATIONS=1; the top types go to stderr after each row.
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

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames?.IndexOf("TypeName") is >= 0 and var t ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames?.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(e.Payload[a]) : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>Prints the types that took the most bytes since the last report, then starts counting afresh.</summary>
    public void Report(TextWriter output)
    {
        var snapshot = _bytesByType.ToArray();
        _bytesByType.Clear();
        var total = snapshot.Sum(p => p.Value);
        output.WriteLine($"allocated about {total / 1e6:F0} MB; by type:");
        foreach (var (type, bytes) in snapshot.OrderByDescending(p => p.Value).Take(TopTypes))
            output.WriteLine($"  {bytes / 1e6,8:F1} MB  {bytes * 100.0 / Math.Max(total, 1),5:F1}%  {type}");
    }
}
