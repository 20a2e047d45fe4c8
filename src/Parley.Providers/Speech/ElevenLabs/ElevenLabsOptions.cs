namespace Parley.Providers.Speech.ElevenLabs;

/// <summary>Where to reach ElevenLabs.</summary>
public sealed record ElevenLabsOptions
{
    /// <summary>HTTP(S) base; the socket uses the matching ws(s) scheme. Env <c>PARLEY_ELEVENLABS_BASE_URL</c>.</summary>
    public string BaseUrl { get; init; } = Environment.GetEnvironmentVariable("PARLEY_ELEVENLABS_BASE_URL") ?? "https://api.elevenlabs.io";

    /// <summary>Env <c>ELEVENLABS_API_KEY</c>.</summary>
    public string? ApiKey { get; init; } = Environment.GetEnvironmentVariable("ELEVENLABS_API_KEY");
}
