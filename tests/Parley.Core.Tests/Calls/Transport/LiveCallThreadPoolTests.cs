using Parley.Core.Calls.Transport;

namespace Parley.Core.Tests.Calls.Transport;

// Invariant: a live-call host keeps at least three pool workers per core ready, and never fewer than it had.
public class LiveCallThreadPoolTests
{
    [Fact]
    public void Widen_keeps_three_workers_per_core_ready_and_never_lowers_the_minimum()
    {
        ThreadPool.GetMinThreads(out var before, out var ioBefore);

        LiveCallThreadPool.Widen();

        ThreadPool.GetMinThreads(out var after, out var ioAfter);
        Assert.True(after >= LiveCallThreadPool.MinWorkersPerCore * Environment.ProcessorCount, $"{after} workers");
        Assert.True(after >= before);
        Assert.Equal(ioBefore, ioAfter);
    }
}
