using Parley.Core.Llm;

namespace Parley.Providers.Llm.Anthropic;

/// <summary>Builds Anthropic models for the <c>anthropic</c> provider name.</summary>
public sealed class AnthropicChatModelProvider(LlmProviderSettings settings) : IChatModelProvider
{
    public IReadOnlyCollection<string> ProviderNames { get; } = ["anthropic"];

    public IChatModel Create(ChatModelOptions options)
    {
        var key = options.ApiKey ?? settings.Keys.GetApiKey(options.Provider);
        if (key is null) return new FailingChatModel(HttpFailures.MissingKey(options.Provider));
        var baseUrl = options.BaseUrl ?? settings.BaseUrls.Find(options.Provider) ?? AnthropicChatModel.DefaultBaseUrl;
        return settings.WithRetries(new AnthropicChatModel(options with { BaseUrl = baseUrl, ApiKey = key }, settings.Http, settings.Time));
    }
}
