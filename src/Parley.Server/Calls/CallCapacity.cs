using System.Text.Json.Nodes;
using Parley.Server.Hosting;

namespace Parley.Server.Calls;

/// <summary>
/// The server's concurrent-call slots in Vapi's terms: the <c>subscriptionLimits</c> a created call answers with, and
/// the refusal a connection gets when every slot is taken.
/// </summary>
public static class CallCapacity
{
    /// <summary>Whether a call created now is blocked: every slot is taken (never, without a limit).</summary>
    public static bool IsFull(LiveCalls live, ParleyOptions options) =>
        options.CallConcurrencyLimit > 0 && live.Active >= options.CallConcurrencyLimit;

    /// <summary>Vapi's <c>subscriptionLimits</c> object of a POST /call answer, as the slots stood when the call was created.</summary>
    public static JsonObject SubscriptionLimits(LiveCalls live, ParleyOptions options, bool blocked)
    {
        var limits = new JsonObject { ["concurrencyBlocked"] = blocked };
        if (options.CallConcurrencyLimit > 0)
        {
            limits["concurrencyLimit"] = options.CallConcurrencyLimit;
            limits["remainingConcurrentCalls"] = live.Remaining(options.CallConcurrencyLimit);
        }
        return limits;
    }

    public static string Refusal(int limit) =>
        $"the server is running its limit of {limit} concurrent calls (Parley:CallConcurrencyLimit): try again later";
}
