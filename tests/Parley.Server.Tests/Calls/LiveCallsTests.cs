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
        Assert.Equal(CallClaim.Claimed, live.TryClaim("c1", "org", new CallLimits(0, 0)));
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
        Assert.Equal(CallClaim.Claimed, live.TryClaim("c1", "org", new CallLimits(0, 0)));
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
        live.TryClaim("c2", "org", new CallLimits(0, 0));
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
        live.TryClaim("c4", "org", new CallLimits(0, 0));
        live.TryAdd(Call("c4"));

        live.Release("c4");

        Assert.False(live.TryGet("c4", out _));
        Assert.False(live.IsClaimed("c4"));
    }

    [Fact]
    public async Task A_waiter_gives_up_after_its_limit()
    {
        var live = new LiveCalls();
        live.TryClaim("c3", "org", new CallLimits(0, 0));

        Assert.Null(await live.WhenRunningAsync("c3", TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }

    [Fact]
    public void Claims_stop_at_the_limit_and_a_released_call_frees_its_slot()
    {
        var live = new LiveCalls();

        Assert.Equal(CallClaim.Claimed, live.TryClaim("a", "org", new CallLimits(2, 0)));
        Assert.Equal(CallClaim.Claimed, live.TryClaim("b", "org", new CallLimits(2, 0)));
        Assert.Equal(CallClaim.ServerFull, live.TryClaim("c", "org", new CallLimits(2, 0)));
        Assert.Equal(CallClaim.AlreadyClaimed, live.TryClaim("a", "org", new CallLimits(2, 0)));
        Assert.Equal(2, live.Active);
        Assert.Equal(2, live.ActiveFor("org"));

        // A call gives its slot up when it ends, before its record is written and its claim released; once only.
        live.Remove("a");
        Assert.Equal(1, live.Active);
        live.Release("a");
        live.Release("never-claimed");
        Assert.Equal(1, live.Active);
        Assert.Equal(CallClaim.Claimed, live.TryClaim("c", "org", new CallLimits(2, 0)));
        Assert.Equal(CallClaim.Claimed, live.TryClaim("d", "org", new CallLimits(0, 0)));
        Assert.Equal(3, live.Active);
    }

    [Fact]
    public async Task Connections_racing_for_the_last_slots_never_take_more_than_the_limit()
    {
        var live = new LiveCalls();
        using var start = new Barrier(8);

        var claimed = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 100).Count(i => live.TryClaim($"{t}-{i}", $"org{t % 2}", new CallLimits(10, 6)) == CallClaim.Claimed);
        }))).WaitAsync(Patience);

        Assert.Equal(10, claimed.Sum());
        Assert.Equal(10, live.Active);
        Assert.InRange(live.ActiveFor("org0"), 4, 6);
        Assert.Equal(10, live.ActiveFor("org0") + live.ActiveFor("org1"));
    }

    [Fact]
    public void One_org_at_its_limit_leaves_the_others_their_slots()
    {
        var live = new LiveCalls();
        var limits = new CallLimits(Server: 0, PerOrg: 1);

        Assert.Equal(CallClaim.Claimed, live.TryClaim("a1", "a", limits));
        Assert.Equal(CallClaim.OrgFull, live.TryClaim("a2", "a", limits));
        Assert.Equal(CallClaim.Claimed, live.TryClaim("b1", "b", limits));
        Assert.Equal(2, live.Active);

        live.Remove("a1");
        Assert.Equal(0, live.ActiveFor("a"));
        Assert.Equal(CallClaim.Claimed, live.TryClaim("a2", "a", limits));
        live.Release("a1");
        Assert.Equal(1, live.ActiveFor("a"));
        Assert.Equal(2, live.Active);
    }
}
