namespace Parley.Providers.Speech.OpenAI;

/// <summary>Where to reach an OpenAI-compatible <c>/audio/speech</c> endpoint.</summary>
public sealed record OpenAITtsOptions
{
    /// <summary>Base including <c>/v1</c>. Env <c>PARLEY_OPENAI_BASE_URL</c>.</summary>
    public string BaseUrl { get; init; } = Environment.GetEnvironmentVariable("PARLEY_OPENAI_BASE_URL") ?? "https://api.openai.com/v1";

    /// <summary>Env <c>OPENAI_API_KEY</c>.</summary>
    public string? ApiKey { get; init; } = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
}
