using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

using Parley.Core.Json;

namespace Parley.Core.Http;

/// <summary>Vapi's backoffPlan read once: how many retries, how long to wait, and which statuses never retry.</summary>
public sealed record BackoffPolicy(bool Exponential, int MaxRetries, TimeSpan BaseDelay, IReadOnlySet<int> ExcludedStatusCodes)
{
    /// <summary>Longest wait a server can ask for with Retry-After; a larger value would stall a live call.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public static BackoffPolicy None { get; } = new(false, 0, TimeSpan.Zero, new HashSet<int>());

    /// <summary>Reads <c>{type, maxRetries, baseDelaySeconds, excludedStatusCodes}</c>; null means no retries.</summary>
    public static BackoffPolicy From(JsonObject? plan)
    {
        if (plan is null) return None;
        var exponential = string.Equals(JsonRead.String(plan["type"]), "exponential", StringComparison.OrdinalIgnoreCase);
        var maxRetries = (int)Math.Clamp(JsonRead.NumberOrNumericString(plan["maxRetries"]) ?? 0, 0, 10);
        var baseDelay = Math.Clamp(JsonRead.NumberOrNumericString(plan["baseDelaySeconds"]) ?? 0, 0, 10);
        var excluded = new HashSet<int>();
        if (plan["excludedStatusCodes"] is JsonArray codes)
        {
            foreach (var code in codes)
                if (JsonRead.NumberOrNumericString(code) is { } number) excluded.Add((int)number);
        }
        return new BackoffPolicy(exponential, maxRetries, TimeSpan.FromSeconds(baseDelay), excluded);
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (1 = first retry).</summary>
    public TimeSpan DelayBefore(int retry) =>
        Exponential ? BaseDelay * Math.Pow(2, Math.Max(0, retry - 1)) : BaseDelay;

    /// <summary>Connection errors, timeouts, 408, 429 and 5xx retry; other 4xx, excluded statuses and auth failures never do.</summary>
    public bool ShouldRetry(OutboundResult result) => result switch
    {
        OutboundFailure failure => failure.Retryable,
        OutboundResponse response when ExcludedStatusCodes.Contains(response.StatusCode) => false,
        OutboundResponse response => response.StatusCode is 408 or 429 or >= 500,
        _ => false,
    };

    /// <summary>The server's Retry-After (seconds or HTTP date) on a 429, capped at <see cref="MaxRetryAfter"/>.</summary>
    public static TimeSpan? RetryAfter(OutboundResult result, DateTimeOffset now)
    {
        if (result is not OutboundResponse { StatusCode: (int)HttpStatusCode.TooManyRequests } response) return null;
        if (!response.Headers.TryGetValue("Retry-After", out var value)) return null;
        TimeSpan? wait = null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            wait = TimeSpan.FromSeconds(Math.Max(0, seconds));
        else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            wait = date > now ? date - now : TimeSpan.Zero;
        return wait is null ? null : wait.Value > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
