using System.Text.Json.Nodes;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Hosting;

namespace Parley.Server.Calls;

/// <summary>
/// The server's concurrent-call slots in Vapi's terms: the <c>subscriptionLimits</c> a created call answers with, and
/// the refusal a connection gets when every slot is taken.
/// </summary>
public static class CallCapacity
{
    /// <summary>How long a refused connection is told to wait (Retry-After) before it tries again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static CallLimits Limits(ParleyOptions options) => new(options.CallConcurrencyLimit, options.OrgCallConcurrencyLimit);

    /// <summary>
    /// The slots open to <paramref name="orgId"/> as they stand now, read once so that what a call is told agrees with
    /// itself: the org's own limit when it has one (what is left is the fewer of its slots and the server's).
    /// </summary>
    public static Slots Now(LiveCalls live, ParleyOptions options, string orgId)
    {
        var server = options.CallConcurrencyLimit;
        var perOrg = options.OrgCallConcurrencyLimit;
        var serverLeft = server > 0 ? Math.Max(0, server - live.Active) : int.MaxValue;
        var orgLeft = perOrg > 0 ? Math.Max(0, perOrg - live.ActiveFor(orgId)) : int.MaxValue;
        var shown = perOrg > 0 ? perOrg : server;
        var left = Math.Min(serverLeft, orgLeft);
        return new Slots(Math.Max(shown, 0), left == int.MaxValue ? 0 : left, left == 0, orgLeft == 0);
    }

    /// <summary>Why a call of an org cannot start now: the org's limit (<paramref name="orgFull"/>) or the server's.</summary>
    public static string Refusal(ParleyOptions options, bool orgFull) => orgFull
        ? $"your org is running its limit of {options.OrgCallConcurrencyLimit} concurrent calls (Parley:OrgCallConcurrencyLimit): try again later"
        : $"the server is running its limit of {options.CallConcurrencyLimit} concurrent calls (Parley:CallConcurrencyLimit): try again later";

    /// <summary>Slots under the limit (0: no limit), whether every one is taken, and whether the org's own cap is why.</summary>
    public readonly record struct Slots(int Limit, int Remaining, bool Full, bool OrgFull)
    {
        /// <summary>Vapi's <c>subscriptionLimits</c>: <paramref name="blocked"/> says whether this call was blocked.</summary>
        public JsonObject ToSubscriptionLimits(bool blocked)
        {
            var limits = new JsonObject { ["concurrencyBlocked"] = blocked };
            if (Limit <= 0) return limits;
            limits["concurrencyLimit"] = Limit;
            limits["remainingConcurrentCalls"] = Remaining;
            return limits;
        }
    }
}
