using Parley.Core.Llm;
using Parley.Providers.Llm;

namespace Parley.Providers.Tests.Llm;

public sealed class LlmRegistryAndKeysTests
{
    private sealed class NamedProvider(params string[] names) : IChatModelProvider
    {
        public IReadOnlyCollection<string> ProviderNames => names;
        public IChatModel Create(ChatModelOptions options) => throw new InvalidOperationException("not used");
    }

    private static LlmProviderSettings Settings() => new() { Http = LlmTestKit.Http, Keys = LlmTestKit.Keys("k") };

    [Fact]
    public void Registry_serves_every_built_in_provider_name()
    {
        var registry = LlmProviders.CreateRegistry(Settings());
        Assert.Equal(["anthropic", "custom-llm", "deepinfra", "groq", "openai", "openrouter", "together-ai"], registry.Names);
    }

    [Fact]
    public void Registry_rejects_a_name_registered_twice()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChatModelRegistry([new NamedProvider("openai"), new NamedProvider("groq", "openai")]));
        Assert.Contains("'openai' is registered twice", error.Message);
    }

    [Fact]
    public void Unknown_provider_name_is_reported_with_the_known_ones()
    {
        var registry = LlmProviders.CreateRegistry(Settings());
        Assert.Null(registry.Resolve("gemini", out var error));
        Assert.StartsWith("unknown model provider 'gemini'; known providers: anthropic, custom-llm", error);
        Assert.Throws<KeyNotFoundException>(() => registry.Create(new ChatModelOptions { Provider = "gemini", Model = "x" }));
    }

    [Theory]
    [InlineData("openai", "OPENAI_API_KEY")]
    [InlineData("anthropic", "ANTHROPIC_API_KEY")]
    [InlineData("groq", "GROQ_API_KEY")]
    [InlineData("openrouter", "OPENROUTER_API_KEY")]
    [InlineData("together-ai", "TOGETHERAI_API_KEY")]
    [InlineData("deepinfra", "DEEPINFRA_API_KEY")]
    [InlineData("custom-llm", "CUSTOM_LLM_API_KEY")]
    public void Environment_keys_use_the_conventional_variable_names(string provider, string variable)
    {
        var keys = new EnvironmentProviderKeySource(name => name == variable ? "from-env" : null);
        Assert.Equal("from-env", keys.GetApiKey(provider));
        Assert.Null(keys.GetApiKey("nobody"));
    }

    [Fact]
    public void Org_credentials_are_asked_before_the_environment()
    {
        var keys = new ChainedProviderKeySource(LlmTestKit.Keys(null), LlmTestKit.Keys("org-key"), new EnvironmentProviderKeySource(_ => "env-key"));
        Assert.Equal("org-key", keys.GetApiKey("openai"));
    }

    [Fact]
    public void Base_url_configuration_wins_over_the_environment_variable()
    {
        var urls = new ProviderBaseUrls(new Dictionary<string, string> { ["groq"] = "http://config" },
            name => name switch { "PARLEY_GROQ_BASE_URL" => "http://env-groq", "PARLEY_TOGETHER_AI_BASE_URL" => "http://env-together", _ => null });
        Assert.Equal("http://config", urls.Find("groq"));
        Assert.Equal("http://env-together", urls.Find("together-ai"));
        Assert.Null(urls.Find("openai"));
    }

    [Fact]
    public async Task Missing_groq_key_names_the_variable_to_set()
    {
        var model = LlmProviders.CreateRegistry(Settings() with { Keys = LlmTestKit.Keys(null) })
            .Create(new ChatModelOptions { Provider = "groq", Model = "llama" });
        var failure = Assert.IsType<ChatFailed>(Assert.Single(await LlmTestKit.CollectAsync(model, LlmTestKit.Hello())));
        Assert.Equal("no API key for provider groq: add a groq credential or set GROQ_API_KEY", failure.Message);
    }
}
