using System.Collections.Frozen;

namespace Parley.Core.Llm;

/// <summary>Resolves chat model providers by their Vapi name; built once, duplicate names rejected.</summary>
public sealed class ChatModelRegistry
{
    private readonly FrozenDictionary<string, IChatModelProvider> _providers;

    public ChatModelRegistry(IEnumerable<IChatModelProvider> providers)
    {
        var map = new Dictionary<string, IChatModelProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            foreach (var name in provider.ProviderNames)
            {
                if (!map.TryAdd(name, provider))
                    throw new ArgumentException($"Chat model provider name '{name}' is registered twice.", nameof(providers));
            }
        }
        _providers = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>All registered provider names, sorted.</summary>
    public IReadOnlyList<string> Names => _providers.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool TryResolve(string name, out IChatModelProvider provider) =>
        _providers.TryGetValue(name, out provider!);

    /// <summary>Returns the provider, or an explanation naming the known providers when the name is unknown.</summary>
    public IChatModelProvider? Resolve(string name, out string? error)
    {
        if (_providers.TryGetValue(name, out var provider))
        {
            error = null;
            return provider;
        }
        error = $"unknown model provider '{name}'; known providers: {string.Join(", ", Names)}";
        return null;
    }

    /// <summary>Builds a model for the options' provider; throws <see cref="KeyNotFoundException"/> for unknown names.</summary>
    public IChatModel Create(ChatModelOptions options) =>
        Resolve(options.Provider, out var error)?.Create(options) ?? throw new KeyNotFoundException(error);
}
