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
    /// Calls this server runs at once (connected call sockets). At the limit a new call is blocked as Vapi blocks a call
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

    public static ParleyOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new ParleyOptions();
        configuration.GetSection("Parley").Bind(options);
        options.DataDirectory = configuration["PARLEY_DATA_DIR"] ?? options.DataDirectory;
        options.DatabaseUrl = NullIfEmpty(configuration["PARLEY_DATABASE_URL"]) ?? options.DatabaseUrl;
        options.BootstrapKey = NullIfEmpty(configuration["PARLEY_BOOTSTRAP_KEY"]) ?? options.BootstrapKey;
        options.EncryptionKey = NullIfEmpty(configuration["PARLEY_ENCRYPTION_KEY"]) ?? options.EncryptionKey;
        options.PublicUrl = NullIfEmpty(configuration["PARLEY_PUBLIC_URL"]) ?? options.PublicUrl;
        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
