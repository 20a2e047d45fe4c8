namespace Parley.Providers.Llm;

/// <summary>
/// Base URL overrides per provider, so tests and local servers can stand in for a vendor: configuration first
/// (e.g. <c>Llm:BaseUrls:openai</c>), then <c>PARLEY_{PROVIDER}_BASE_URL</c> (dashes become underscores).
/// </summary>
public sealed class ProviderBaseUrls(IReadOnlyDictionary<string, string>? configured = null, Func<string, string?>? readVariable = null)
{
    private readonly Func<string, string?> _read = readVariable ?? Environment.GetEnvironmentVariable;

    public static string VariableFor(string provider) => $"PARLEY_{provider.ToUpperInvariant().Replace('-', '_')}_BASE_URL";

    public string? Find(string provider)
    {
        if (configured is not null && configured.TryGetValue(provider, out var url) && !string.IsNullOrWhiteSpace(url)) return url;
        var fromEnvironment = _read(VariableFor(provider));
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }
}
