using Parley.Core.Llm;
using Parley.Providers.Llm.Anthropic;
using Parley.Providers.Llm.OpenAiCompatible;

namespace Parley.Providers.Llm;

/// <summary>The built-in chat model providers, ready to put in a <see cref="ChatModelRegistry"/>.</summary>
public static class LlmProviders
{
    public static IReadOnlyList<IChatModelProvider> All(LlmProviderSettings settings) =>
        [new OpenAiCompatibleChatModelProvider(settings), new AnthropicChatModelProvider(settings)];

    public static ChatModelRegistry CreateRegistry(LlmProviderSettings settings) => new(All(settings));
}
