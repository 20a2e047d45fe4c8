namespace Parley.Server.Hosting;

/// <summary>Process-wide settings, read from configuration and the PARLEY_* environment variables.</summary>
public sealed class ParleyOptions
{
    /// <summary>Where SQLite data, the generated encryption key and recordings live.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>PostgreSQL connection string; when set, PostgreSQL is used instead of SQLite.</summary>
    public string? DatabaseUrl { get; set; }

    /// <summary>On first start, the private API key given to the first org (otherwise one is generated).</summary>
    public string? BootstrapKey { get; set; }

    /// <summary>Base64 AES-256 key for secrets at rest; generated into the data directory when absent.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Largest request body accepted by the REST API, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Calls this server runs at once (running calls). At the limit a new call is blocked as Vapi blocks a call
    /// over an account's concurrency, instead of every running call falling behind real time. 0: no limit. The default,
    /// 200 per processor core, is below where the calls bench (fake providers) still keeps 2 cores in real time.
    /// </summary>
    public int CallConcurrencyLimit { get; set; } = 200 * Environment.ProcessorCount;

    /// <summary>
    /// Calls any one org may run at once on this server, as Vapi limits an account (0: only the server's limit), so that
    /// one org cannot take every slot; its <c>subscriptionLimits</c> then report its own slots.
    /// </summary>
    public int OrgCallConcurrencyLimit { get; set; }

    /// <summary>Requests per second each API key may sustain.</summary>
    public int RateLimitPerSecond { get; set; } = 100;

    /// <summary>Requests an API key may send in a burst above the sustained rate.</summary>
    public int RateLimitBurst { get; set; } = 500;

    /// <summary>Public base URL used in URLs handed to clients (websocketCallUrl, monitor URLs); defaults to the request's host.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// The settings, checked: a value that cannot work (a rate of 0, a negative limit, a word where a number goes) stops
    /// the server at start with <see cref="ParleyConfigurationException"/> naming the setting, instead of failing every
    /// request later (a burst too large for the per-address bucket overflowed into a 500 on every route).
    /// </summary>
    public static ParleyOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new ParleyOptions();
        try
        {
            configuration.GetSection("Parley").Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ParleyConfigurationException([e.Message]);
        }
        options.DataDirectory = configuration["PARLEY_DATA_DIR"] ?? options.DataDirectory;
        options.DatabaseUrl = NullIfEmpty(configuration["PARLEY_DATABASE_URL"]) ?? options.DatabaseUrl;
        options.BootstrapKey = NullIfEmpty(configuration["PARLEY_BOOTSTRAP_KEY"]) ?? options.BootstrapKey;
        options.EncryptionKey = NullIfEmpty(configuration["PARLEY_ENCRYPTION_KEY"]) ?? options.EncryptionKey;
        options.PublicUrl = NullIfEmpty(configuration["PARLEY_PUBLIC_URL"]) ?? options.PublicUrl;
        if (options.Problems().ToList() is { Count: > 0 } problems) throw new ParleyConfigurationException(problems);
        return options;
    }

    /// <summary>What is wrong with these settings, one sentence each; empty when they can work.</summary>
    public IEnumerable<string> Problems()
    {
        // The per-address bucket holds AddressFactor times a key's: both must fit the limiter's int.
        const int MostPerKey = int.MaxValue / Api.Infrastructure.ApiRateLimiting.AddressFactor;
        if (RateLimitPerSecond is < 1 or > MostPerKey) yield return $"Parley:RateLimitPerSecond must be between 1 and {MostPerKey} (it is {RateLimitPerSecond})";
        if (RateLimitBurst is < 1 or > MostPerKey) yield return $"Parley:RateLimitBurst must be between 1 and {MostPerKey} (it is {RateLimitBurst})";
        if (CallConcurrencyLimit < 0) yield return $"Parley:CallConcurrencyLimit must be 0 (no limit) or more (it is {CallConcurrencyLimit})";
        if (OrgCallConcurrencyLimit < 0) yield return $"Parley:OrgCallConcurrencyLimit must be 0 (no limit) or more (it is {OrgCallConcurrencyLimit})";
        if (MaxRequestBodyBytes < 1) yield return $"Parley:MaxRequestBodyBytes must be 1 or more (it is {MaxRequestBodyBytes})";
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>Settings the server cannot start with; the message lists each problem.</summary>
public sealed class ParleyConfigurationException(IReadOnlyList<string> problems)
    : Exception("Parley cannot start with these settings:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
