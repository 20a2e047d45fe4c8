using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Parley.Server.Security;

namespace Parley.Server.Api.Infrastructure;

/// <summary>
/// A per-key token bucket on the API groups, so one client (or a leaked key) cannot starve the server.
/// Keys are partitioned by their hash, never by the key itself.
/// </summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "per-api-key";

    public static IServiceCollection AddParleyRateLimiting(this IServiceCollection services, Hosting.ParleyOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await VapiErrors.TooManyRequests("Too many requests for this API key; slow down and retry.").ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(PolicyName, http =>
            {
                var key = http.Request.Headers.Authorization.ToString();
                var partition = key.Length == 0 ? "anonymous:" + http.Connection.RemoteIpAddress : ApiKeys.Hash(key);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimitBurst,
                    TokensPerPeriod = options.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }
}
