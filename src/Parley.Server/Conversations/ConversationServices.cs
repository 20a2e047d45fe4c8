using Parley.Core.Http;
using Parley.Core.Llm;
using Parley.Core.Templates;
using Parley.Core.Tools;
using Parley.Liquid;
using Parley.Providers.Llm;
using Parley.Providers.Llm.Anthropic;
using Parley.Providers.Llm.OpenAiCompatible;

namespace Parley.Server.Conversations;

/// <summary>Registers what conversations (chats now, calls later) are assembled from.</summary>
public static class ConversationServices
{
    public const string OutboundClient = "parley-outbound";

    public static IServiceCollection AddParleyConversations(this IServiceCollection services)
    {
        services.AddHttpClient(OutboundClient);
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            return new LlmProviderSettings
            {
                // One long-lived client for model streams; the adapters enforce their own first-byte timeouts.
                Http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
                Time = sp.GetRequiredService<TimeProvider>(),
                BaseUrls = new ProviderBaseUrls(null, name => configuration[name]),
            };
        });
        services.AddSingleton(sp => new LiquidEngine(new LiquidOptions { Clock = sp.GetRequiredService<TimeProvider>() }));
        services.AddSingleton<ITemplateRenderer, LiquidTemplateRenderer>();
        services.AddSingleton<IChatModelProvider>(sp => new OpenAiCompatibleChatModelProvider(sp.GetRequiredService<LlmProviderSettings>()));
        services.AddSingleton<IChatModelProvider>(sp => new AnthropicChatModelProvider(sp.GetRequiredService<LlmProviderSettings>()));
        services.AddSingleton<IConversationModels, ConversationModels>();
        services.AddSingleton<OutboundSenderFactory>(sp =>
        {
            var clients = sp.GetRequiredService<IHttpClientFactory>();
            var clock = sp.GetRequiredService<TimeProvider>();
            return credentials => new OutboundRequestSender(clients.CreateClient(OutboundClient), credentials, clock);
        });
        services.AddSingleton<ToolRulesFactory>(_ => (templates, spoken) => new VapiToolRules(templates) { FillsSilence = spoken });
        services.AddSingleton<ApiRequestExecutorFactory>(_ => (sender, templates) => new ApiRequestToolExecutor(sender, templates));
        services.AddSingleton(new ConversationScope((clock, customer, values) => new TemplateScopeBuilder(clock).Build(customer, values)));
        services.AddSingleton<IConversationFactory, ConversationFactory>();
        services.AddScoped<AssistantResolver>();
        return services;
    }
}
