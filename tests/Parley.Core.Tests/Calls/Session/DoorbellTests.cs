using Parley.Core.Calls.Session;

namespace Parley.Core.Tests.Calls.Session;

// Invariant: a ring is never lost (a ring before the wait completes it at once, a ring during it wakes it), rings
// while nobody waits count as one, the waiter never runs on the ringer's thread, and ringing allocates nothing (waking
// a parked waiter without allocating is shown through CallerAudioLane, which waits on a Doorbell).
public sealed class DoorbellTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_ring_before_the_wait_completes_it_at_once_and_rings_coalesce()
    {
        var bell = new Doorbell();
        bell.Ring();
        bell.Ring();

        Assert.True(bell.WaitAsync().IsCompleted);
        var second = bell.WaitAsync();
        Assert.False(second.IsCompleted);

        bell.Ring();
        await second.AsTask().WaitAsync(Patience);
    }

    [Fact]
    public async Task The_waiter_resumes_off_the_ringing_thread()
    {
        var bell = new Doorbell();
        var wait = bell.WaitAsync();
        // Parked before the ring, so the ring itself completes it; no context is captured (ConfigureAwait(false)),
        // so an inline continuation would run on the ringer's thread.
        Assert.False(wait.IsCompleted);
        var resumedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // No await here: the continuation only records its thread, and xunit's context must not be the one it runs on.
#pragma warning disable xUnit1030
        wait.ConfigureAwait(false).GetAwaiter().OnCompleted(() => resumedOn.SetResult(Environment.CurrentManagedThreadId));
#pragma warning restore xUnit1030
        var ringer = -1;
        var thread = new Thread(() =>
        {
            ringer = Environment.CurrentManagedThreadId;
            bell.Ring();
        });
        thread.Start();
        thread.Join();

        Assert.NotEqual(ringer, await resumedOn.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task No_ring_is_lost_when_ringer_and_waiter_race()
    {
        // The waiter checks its work, then waits; a ring between the check and the wait must still wake it.
        const int Rounds = 200_000;
        var bell = new Doorbell();
        long published = 0;
        var consuming = Task.Run(async () =>
        {
            long seen = 0;
            while (seen < Rounds)
            {
                var now = Volatile.Read(ref published);
                if (now > seen) { seen = now; continue; }
                await bell.WaitAsync();
            }
            return seen;
        });
        var producing = new Thread(() =>
        {
            for (var i = 0; i < Rounds; i++)
            {
                Interlocked.Increment(ref published);
                bell.Ring();
            }
        });
        producing.Start();

        Assert.Equal(Rounds, await consuming.WaitAsync(Patience));
        producing.Join();
    }

    [Fact]
    public void Ringing_and_waiting_allocate_nothing()
    {
        var bell = new Doorbell();
        // The first rounds pay for JIT and type loading, which count against this thread; the measured ones must not.
        RingAndWait(bell, 1_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        RingAndWait(bell, 10_000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void RingAndWait(Doorbell bell, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            bell.Ring();
            bell.Ring();
            Assert.True(bell.WaitAsync().IsCompletedSuccessfully);
            Assert.False(bell.WaitAsync().IsCompleted);
            // Rung while waited for: the parked wait completes.
            bell.Ring();
        }
    }
}
