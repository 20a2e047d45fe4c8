using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Parley.Server.Security;

namespace Parley.Server.Api.Infrastructure;

/// <summary>
/// Token buckets so one client (or a leaked key) cannot starve the server: per API key on the API groups (keys are
/// partitioned by their hash, never by the key itself), per address on the live-call URLs, which take no key, and per
/// address on every route at <see cref="AddressFactor"/> times a key's rate. The limiter runs before keys are checked,
/// so without that last bucket a made-up key per request would buy a fresh bucket (and a key lookup) every time.
/// </summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "per-api-key";

    /// <summary>For routes that do not check the Authorization header: a made-up header per request must not buy a fresh bucket.</summary>
    public const string PerAddressPolicyName = "per-address";

    /// <summary>How many keys' worth of requests one address may send: room for a few keys behind one address.</summary>
    public const int AddressFactor = 4;

    public static IServiceCollection AddParleyRateLimiting(this IServiceCollection services, Hosting.ParleyOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                const string Message = "Too many requests from this client; slow down and retry.";
                var answer = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? VapiErrors.TooManyRequests(context.HttpContext.Response, Message, retryAfter)
                    : VapiErrors.TooManyRequests(Message);
                await answer.ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(PolicyName, http =>
            {
                var key = http.Request.Headers.Authorization.ToString();
                var partition = key.Length == 0 ? "anonymous:" + http.Connection.RemoteIpAddress : ApiKeys.Hash(key);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(options));
            });
            limiter.AddPolicy(PerAddressPolicyName, http =>
                RateLimitPartition.GetTokenBucketLimiter("address:" + http.Connection.RemoteIpAddress, _ => Bucket(options)));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetTokenBucketLimiter("any:" + http.Connection.RemoteIpAddress, _ => Bucket(options, AddressFactor)));
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(Hosting.ParleyOptions options, int factor = 1) => new()
    {
        TokenLimit = options.RateLimitBurst * factor,
        TokensPerPeriod = options.RateLimitPerSecond * factor,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
