namespace Parley.Providers.Speech.Cartesia;

/// <summary>Where to reach Cartesia and which API version to ask for.</summary>
public sealed record CartesiaOptions
{
    /// <summary>Env <c>PARLEY_CARTESIA_BASE_URL</c>.</summary>
    public string BaseUrl { get; init; } = Environment.GetEnvironmentVariable("PARLEY_CARTESIA_BASE_URL") ?? "https://api.cartesia.ai";

    /// <summary>Env <c>CARTESIA_API_KEY</c>.</summary>
    public string? ApiKey { get; init; } = Environment.GetEnvironmentVariable("CARTESIA_API_KEY");

    /// <summary>Cartesia requires a dated version header on every request.</summary>
    public string ApiVersion { get; init; } = "2025-04-16";
}
