namespace Parley.Core.Llm;

/// <summary>Supplies the API key for a provider name (org credentials, environment...); null when none is known.</summary>
public interface IProviderKeySource
{
    string? GetApiKey(string provider);
}
