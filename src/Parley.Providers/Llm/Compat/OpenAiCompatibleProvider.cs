using Parley.Core.Llm;

namespace Parley.Providers.Llm.Compat;

/// <summary>
/// Chat models for every provider that speaks OpenAI's chat-completions API: openai, groq, openrouter,
/// together-ai, deepinfra, and custom-llm (any OpenAI-compatible server, ollama included, at <c>model.url</c>).
/// </summary>
public sealed class OpenAiCompatibleProvider(IHttpClientFactory httpClients, TimeProvider clock) : IChatModelProvider
{
    public const string HttpClientName = "parley-llm";

    private static readonly Dictionary<string, string> DefaultBaseUrls = new(StringComparer.Ordinal)
    {
        ["openai"] = "https://api.openai.com/v1",
        ["groq"] = "https://api.groq.com/openai/v1",
        ["openrouter"] = "https://openrouter.ai/api/v1",
        ["together-ai"] = "https://api.together.xyz/v1",
        ["deepinfra"] = "https://api.deepinfra.com/v1/openai",
        ["custom-llm"] = "http://127.0.0.1:11434/v1",
    };

    public IReadOnlyCollection<string> ProviderNames => DefaultBaseUrls.Keys;

    public IChatModel Create(ChatModelOptions options)
    {
        var baseUrl = options.BaseUrl ?? DefaultBaseUrls.GetValueOrDefault(options.Provider) ?? DefaultBaseUrls["openai"];
        return new RetryingChatModel(new OpenAiCompatibleChatModel(httpClients.CreateClient(HttpClientName), options with { BaseUrl = baseUrl }), clock);
    }
}
