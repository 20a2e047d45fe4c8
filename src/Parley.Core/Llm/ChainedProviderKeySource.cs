namespace Parley.Core.Llm;

/// <summary>Asks several key sources in order (e.g. the org's credentials first, then the environment).</summary>
public sealed class ChainedProviderKeySource(params IProviderKeySource[] sources) : IProviderKeySource
{
    public string? GetApiKey(string provider)
    {
        foreach (var source in sources)
        {
            var key = source.GetApiKey(provider);
            if (key is not null) return key;
        }
        return null;
    }
}
