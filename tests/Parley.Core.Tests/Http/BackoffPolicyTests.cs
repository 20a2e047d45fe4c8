using System.Text.Json.Nodes;
using Parley.Core.Http;

namespace Parley.Core.Tests.Http;

public sealed class BackoffPolicyTests
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private static BackoffPolicy Parse(string json) => BackoffPolicy.From(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void No_plan_means_no_retries()
    {
        Assert.Equal(0, BackoffPolicy.From(null).MaxRetries);
    }

    [Fact]
    public void Max_retries_and_base_delay_are_clamped_to_the_spec_ranges()
    {
        var policy = Parse("""{"type":"fixed","maxRetries":50,"baseDelaySeconds":99}""");

        Assert.Equal(10, policy.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayBefore(3));
    }

    [Fact]
    public void Exponential_delay_is_base_times_two_to_the_retry_minus_one()
    {
        var policy = Parse("""{"type":"exponential","maxRetries":4,"baseDelaySeconds":0.5}""");

        Assert.Equal([0.5, 1, 2, 4], Enumerable.Range(1, 4).Select(r => policy.DelayBefore(r).TotalSeconds));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    [InlineData(504, false)]
    public void Only_timeouts_rate_limits_and_server_errors_retry_unless_excluded(int status, bool retries)
    {
        var policy = Parse("""{"type":"fixed","maxRetries":1,"baseDelaySeconds":1,"excludedStatusCodes":["504"]}""");

        Assert.Equal(retries, policy.ShouldRetry(new OutboundResponse(status, NoHeaders, "", null)));
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_until_that_date_and_is_capped()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        OutboundResponse Limited(string value) => new(429, new Dictionary<string, string> { ["Retry-After"] = value }, "", null);

        Assert.Equal(TimeSpan.FromSeconds(30), BackoffPolicy.RetryAfter(Limited(now.AddSeconds(30).ToString("R")), now));
        Assert.Equal(BackoffPolicy.MaxRetryAfter, BackoffPolicy.RetryAfter(Limited("3600"), now));
        Assert.Null(BackoffPolicy.RetryAfter(new OutboundResponse(503, new Dictionary<string, string> { ["Retry-After"] = "5" }, "", null), now));
    }
}
