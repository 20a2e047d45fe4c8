using Parley.Core.Llm;

namespace Parley.Providers.Llm;

/// <summary>What the LLM provider factories share: the HTTP client, where keys and base URLs come from, the clock, retries.</summary>
public sealed record LlmProviderSettings
{
    /// <summary>A long-lived client; its own Timeout should be infinite because adapters enforce first-byte timeouts.</summary>
    public required HttpClient Http { get; init; }
    public IProviderKeySource Keys { get; init; } = new EnvironmentProviderKeySource();
    public ProviderBaseUrls BaseUrls { get; init; } = new();
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Attempts per request for transient failures before any delta (1 disables retrying).</summary>
    public int MaxAttempts { get; init; } = 2;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Retry-After values longer than this are not waited for: a caller on the line cannot wait that long.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wraps a model in the retry policy configured here.</summary>
    public IChatModel WithRetries(IChatModel model) =>
        MaxAttempts <= 1 ? model : new RetryingChatModel(model, Time, MaxAttempts, RetryDelay, MaxRetryDelay);
}
