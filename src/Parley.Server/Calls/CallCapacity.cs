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
    /// <summary>Seconds a refused connection is told to wait (Retry-After) before it tries again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The slots as they stand now, read once so that what a call is told agrees with itself.</summary>
    public static Slots Now(LiveCalls live, ParleyOptions options)
    {
        var limit = options.CallConcurrencyLimit;
        var active = live.Active;
        return new Slots(limit, limit > 0 ? Math.Max(0, limit - active) : 0, limit > 0 && active >= limit);
    }

    public static string Refusal(int limit) =>
        $"the server is running its limit of {limit} concurrent calls (Parley:CallConcurrencyLimit): try again later";

    /// <summary>The 429 a connection gets while every slot is taken, with when to try again.</summary>
    public static IResult Refuse(HttpContext http, int limit)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return VapiErrors.TooManyRequests(Refusal(limit));
    }

    /// <summary>Slots under the limit (0: no limit) and whether every one is taken.</summary>
    public readonly record struct Slots(int Limit, int Remaining, bool Full)
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
