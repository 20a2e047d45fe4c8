using System.Collections.Frozen;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.OpenAiCompatible;

/// <summary>Builds OpenAI-compatible models for openai, groq, openrouter, together-ai, deepinfra and custom-llm.</summary>
public sealed class OpenAiCompatibleChatModelProvider(LlmProviderSettings settings) : IChatModelProvider
{
    public const string CustomLlm = "custom-llm";

    /// <summary>Vendor default base URLs; custom-llm has none (it uses model.url).</summary>
    public static readonly FrozenDictionary<string, string> DefaultBaseUrls = new Dictionary<string, string>
    {
        ["openai"] = "https://api.openai.com/v1",
        ["groq"] = "https://api.groq.com/openai/v1",
        ["openrouter"] = "https://openrouter.ai/api/v1",
        ["together-ai"] = "https://api.together.xyz/v1",
        ["deepinfra"] = "https://api.deepinfra.com/v1/openai",
    }.ToFrozenDictionary();

    public IReadOnlyCollection<string> ProviderNames { get; } = [.. DefaultBaseUrls.Keys, CustomLlm];

    public IChatModel Create(ChatModelOptions options)
    {
        var provider = options.Provider;
        var baseUrl = options.BaseUrl ?? settings.BaseUrls.Find(provider) ?? DefaultBaseUrls.GetValueOrDefault(provider);
        if (baseUrl is null)
            return new FailingChatModel(new ChatFailed(ProviderFailureKind.Permanent, null,
                $"no URL for provider {provider}: set model.url or {ProviderBaseUrls.VariableFor(provider)}"));

        var key = options.ApiKey ?? settings.Keys.GetApiKey(provider);
        // custom-llm and local servers (Ollama, vLLM...) commonly run without a key.
        if (key is null && provider != CustomLlm)
            return new FailingChatModel(HttpFailures.MissingKey(provider));

        var model = new OpenAiCompatibleChatModel(options with { BaseUrl = baseUrl, ApiKey = key }, settings.Http, settings.Time);
        return settings.WithRetries(model);
    }
}
