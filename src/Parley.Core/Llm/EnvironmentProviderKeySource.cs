namespace Parley.Core.Llm;

/// <summary>Reads provider keys from the conventional environment variables (OPENAI_API_KEY, ANTHROPIC_API_KEY...).</summary>
public sealed class EnvironmentProviderKeySource(Func<string, string?>? readVariable = null) : IProviderKeySource
{
    private readonly Func<string, string?> _read = readVariable ?? Environment.GetEnvironmentVariable;

    /// <summary>The variables tried for each provider, in order.</summary>
    public static IReadOnlyList<string> VariablesFor(string provider) => provider switch
    {
        "together-ai" => ["TOGETHER_API_KEY", "TOGETHERAI_API_KEY"],
        _ => [provider.ToUpperInvariant().Replace('-', '_') + "_API_KEY"],
    };

    public string? GetApiKey(string provider)
    {
        foreach (var name in VariablesFor(provider))
        {
            var value = _read(name);
            if (!string.IsNullOrWhiteSpace(value)) return value;
        }
        return null;
    }
}
