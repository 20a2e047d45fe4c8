using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Json;
using Parley.Core.Llm;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Conversations;

/// <summary>
/// Resolves an assistant's <c>model</c> block to a chat model: the provider by its Vapi name (looked up in a
/// frozen table built once, duplicates rejected), the key from the org's credential for that provider or from the
/// environment (OPENAI_API_KEY...), the base URL from <c>model.url</c> (custom-llm) or PARLEY_&lt;PROVIDER&gt;_BASE_URL.
/// </summary>
public sealed class ConversationModels : IConversationModels
{
    private readonly FrozenDictionary<string, IChatModelProvider> _providers;
    private readonly IDbContextFactory<ParleyDbContext> _contexts;
    private readonly DocumentSecrets _secrets;
    private readonly IConfiguration _configuration;

    public ConversationModels(IEnumerable<IChatModelProvider> providers, IDbContextFactory<ParleyDbContext> contexts,
        DocumentSecrets secrets, IConfiguration configuration)
    {
        var table = new Dictionary<string, IChatModelProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
            foreach (var name in provider.ProviderNames)
                if (!table.TryAdd(name, provider))
                    throw new InvalidOperationException($"Two chat model providers claim the name '{name}'.");
        _providers = table.ToFrozenDictionary(StringComparer.Ordinal);
        _contexts = contexts;
        _secrets = secrets;
        _configuration = configuration;
    }

    public IReadOnlyCollection<string> ProviderNames => _providers.Keys;

    /// <summary>The environment variable that holds a provider's key when the org has no credential for it.</summary>
    public static string KeyVariable(string provider) => provider switch
    {
        "together-ai" => "TOGETHER_API_KEY",
        _ => provider.ToUpperInvariant().Replace('-', '_') + "_API_KEY",
    };

    public static string BaseUrlVariable(string provider) => "PARLEY_" + provider.ToUpperInvariant().Replace('-', '_') + "_BASE_URL";

    public async Task<(IChatModel? Model, string? Error)> CreateAsync(string orgId, JsonObject assistant, CancellationToken cancellationToken)
    {
        var model = assistant["model"] as JsonObject;
        if (model is null) return (null, "the assistant has no model: set model.provider and model.model");
        var providerName = JsonRead.String(model["provider"]) ?? "";
        if (!_providers.TryGetValue(providerName, out var provider))
            return (null, $"model.provider '{providerName}' is not supported by this server (supported: {string.Join(", ", _providers.Keys.Order())})");

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var credential = await db.Credentials.ForOrg(orgId).AsNoTracking()
            .Where(c => c.Provider == providerName).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var key = credential is null
            ? _configuration[KeyVariable(providerName)]
            : JsonRead.String(_secrets.Decrypted(Api.Infrastructure.DocumentJson.ParseBody(credential.Body))["apiKey"]);

        if (string.IsNullOrEmpty(key) && providerName != "custom-llm")
            return (null, $"no API key for model provider '{providerName}': add a credential with provider '{providerName}' (POST /credential) or set {KeyVariable(providerName)} on the server");

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in model["headers"] as JsonObject ?? [])
            if (JsonRead.String(value) is { } text) headers[name] = text;

        var options = new ChatModelOptions
        {
            Provider = providerName,
            Model = JsonRead.String(model["model"]) ?? "",
            ApiKey = string.IsNullOrEmpty(key) ? null : key,
            BaseUrl = JsonRead.String(model["url"]) ?? _configuration[BaseUrlVariable(providerName)],
            Headers = headers,
            Timeout = TimeSpan.FromSeconds(JsonRead.Number(model["timeoutSeconds"]) is > 0 and var seconds ? seconds : 20),
            Raw = model,
        };
        return (provider.Create(options), null);
    }
}
