using Microsoft.Extensions.Configuration;
using Parley.Server.Hosting;

namespace Parley.Server.Tests.Hosting;

// Invariant: settings that cannot work stop the server at start with a message naming each setting; good ones pass.
public sealed class ParleyOptionsTests
{
    private static ParleyOptions Read(Dictionary<string, string?> settings) =>
        ParleyOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void The_defaults_and_sane_values_pass()
    {
        var options = Read(new() { ["Parley:CallConcurrencyLimit"] = "0", ["Parley:OrgCallConcurrencyLimit"] = "10", ["Parley:RateLimitBurst"] = "1000" });

        Assert.Equal(0, options.CallConcurrencyLimit);
        Assert.Equal(10, options.OrgCallConcurrencyLimit);
        Assert.Empty(new ParleyOptions().Problems());
    }

    [Fact]
    public void Each_value_that_cannot_work_is_named()
    {
        var error = Assert.Throws<ParleyConfigurationException>(() => Read(new()
        {
            // Four times this overflowed the per-address bucket: every request, /health included, failed with a 500.
            ["Parley:RateLimitBurst"] = int.MaxValue.ToString(),
            ["Parley:RateLimitPerSecond"] = "0",
            ["Parley:CallConcurrencyLimit"] = "-1",
            ["Parley:OrgCallConcurrencyLimit"] = "-2",
        }));

        Assert.Equal(4, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Parley:RateLimitBurst must be between 1 and 536870911"));
        Assert.Contains(error.Problems, p => p.StartsWith("Parley:RateLimitPerSecond must be between 1"));
        Assert.Contains(error.Problems, p => p.StartsWith("Parley:CallConcurrencyLimit must be 0 (no limit) or more (it is -1)"));
        Assert.Contains(error.Problems, p => p.StartsWith("Parley:OrgCallConcurrencyLimit must be 0 (no limit) or more (it is -2)"));
    }

    [Fact]
    public void A_word_where_a_number_goes_is_named_too()
    {
        var error = Assert.Throws<ParleyConfigurationException>(() => Read(new() { ["Parley:CallConcurrencyLimit"] = "lots" }));

        Assert.Contains("'lots' at 'Parley:CallConcurrencyLimit'", Assert.Single(error.Problems));
    }
}
