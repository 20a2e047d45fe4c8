using Parley.Core.Calls.Simulation;

namespace Parley.Core.Tests.Calls.Simulation;

// Invariant: virtual time moves only to the next due timer, timers due together fire in creation order, and
// work that resumes off the loop's thread is reported instead of making a run silently depend on scheduling.
public class VirtualTimeTests
{
    [Fact]
    public void Delays_complete_at_exactly_their_due_time_in_virtual_time()
    {
        var clock = new ManualClock();
        var loop = new VirtualLoop(clock);
        var log = new List<string>();
        async Task Work(string name, double seconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), clock);
            log.Add($"{name}@{clock.Elapsed.TotalSeconds}");
        }

        loop.Run(() => { _ = Work("b", 2); _ = Work("a", 1); _ = Work("c", 2); }, TimeSpan.FromSeconds(10));

        Assert.Equal(["a@1", "b@2", "c@2"], log);
        Assert.Equal(TimeSpan.FromSeconds(10), clock.Elapsed);
    }

    [Fact]
    public void Timestamps_use_an_odd_frequency_that_still_converts_back_to_elapsed_time()
    {
        var clock = new ManualClock();
        var start = clock.GetTimestamp();
        new VirtualLoop(clock).RunUntil(TimeSpan.FromSeconds(3));

        Assert.Equal(1, ManualClock.Frequency % 2);
        Assert.Equal(3.0, clock.GetElapsedTime(start).TotalSeconds, 5);
    }

    [Fact]
    public void Work_posted_from_another_thread_is_reported()
    {
        var clock = new ManualClock();
        var loop = new VirtualLoop(clock);
        loop.RunUntil(TimeSpan.FromSeconds(1));
        // What a continuation does after ConfigureAwait(false) hopped it to the thread pool.
        var other = new Thread(() => loop.Post(_ => { }, null));
        other.Start();
        other.Join();

        Assert.Throws<InvalidOperationException>(() => loop.RunUntil(TimeSpan.FromSeconds(2)));
    }
}
