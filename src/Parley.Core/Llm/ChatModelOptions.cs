using System.Text.Json.Nodes;

namespace Parley.Core.Llm;

/// <summary>The resolved settings needed to build a chat model for one assistant's <c>model</c> block.</summary>
public sealed record ChatModelOptions
{
    /// <summary>Vapi provider name: openai, anthropic, groq, openrouter, together-ai, deepinfra, custom-llm...</summary>
    public required string Provider { get; init; }
    public required string Model { get; init; }

    /// <summary>API key from the org's credentials or the environment; null when the provider needs none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Base URL override (custom-llm <c>model.url</c>, or a configured endpoint for tests/local servers).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Extra request headers (custom-llm <c>model.headers</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Time to wait for the first byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The raw model block as the client sent it, for provider-specific fields.</summary>
    public JsonObject? Raw { get; init; }
}

/// <summary>Builds a chat model for a provider name; registered per Vapi provider name.</summary>
public interface IChatModelProvider
{
    /// <summary>The Vapi provider names this factory serves.</summary>
    IReadOnlyCollection<string> ProviderNames { get; }

    IChatModel Create(ChatModelOptions options);
}
