using Parley.Server.Calls;

namespace Parley.Server.Tests.Calls;

public sealed class LiveCallsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Only the id matters to the registry; the call's parts are not touched.
    private static LiveCall Call(string id) => new(id, "org", null!, null!, null!, null, CancellationToken.None);

    [Fact]
    public async Task A_call_no_transport_has_claimed_is_not_waited_for()
    {
        var live = new LiveCalls();

        var result = live.WhenRunningAsync("nobody", Patience, CancellationToken.None);

        Assert.True(result.IsCompletedSuccessfully);
        Assert.Null(await result);
    }

    [Fact]
    public async Task A_claimed_call_is_handed_over_the_moment_it_registers()
    {
        var live = new LiveCalls();
        Assert.True(live.TryClaim("c1"));
        var waiting = live.WhenRunningAsync("c1", Patience, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        var call = Call("c1");
        Assert.True(live.TryAdd(call));

        Assert.Same(call, await waiting.WaitAsync(Patience));
        Assert.Same(call, await live.WhenRunningAsync("c1", Patience, CancellationToken.None));
    }

    [Fact]
    public async Task An_ended_call_still_claimed_is_not_waited_for()
    {
        var live = new LiveCalls();
        Assert.True(live.TryClaim("c1"));
        var waiting = live.WhenRunningAsync("c1", Patience, CancellationToken.None);
        Assert.True(live.TryAdd(Call("c1")));
        await waiting.WaitAsync(Patience);

        // Ended: the runner still holds the claim while it writes the record and sends the report.
        live.Remove("c1");
        var late = live.WhenRunningAsync("c1", Patience, CancellationToken.None);

        Assert.True(late.IsCompletedSuccessfully);
        Assert.Null(await late);
    }

    [Fact]
    public async Task A_claimed_call_that_never_registers_releases_its_waiters_with_nothing()
    {
        var live = new LiveCalls();
        live.TryClaim("c2");
        var first = live.WhenRunningAsync("c2", Patience, CancellationToken.None);
        var second = live.WhenRunningAsync("c2", Patience, CancellationToken.None);

        live.Release("c2");

        Assert.Null(await first.WaitAsync(Patience));
        Assert.Null(await second.WaitAsync(Patience));
    }

    [Fact]
    public void Releasing_a_claim_unregisters_a_call_that_never_reached_its_own_removal()
    {
        var live = new LiveCalls();
        live.TryClaim("c4");
        live.TryAdd(Call("c4"));

        live.Release("c4");

        Assert.False(live.TryGet("c4", out _));
        Assert.False(live.IsClaimed("c4"));
    }

    [Fact]
    public async Task A_waiter_gives_up_after_its_limit()
    {
        var live = new LiveCalls();
        live.TryClaim("c3");

        Assert.Null(await live.WhenRunningAsync("c3", TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }
}
