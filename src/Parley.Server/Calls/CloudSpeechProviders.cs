using Parley.Providers.Speech.Cartesia;
using Parley.Providers.Speech.Deepgram;
using Parley.Providers.Speech.ElevenLabs;
using Parley.Providers.Speech.OpenAI;

namespace Parley.Server.Calls;

/// <summary>
/// Where each cloud speech provider lives and which key it takes, read once for the engine catalog and the key
/// checker: the key's environment variable, and the base URL (<c>PARLEY_&lt;PROVIDER&gt;_BASE_URL</c> from
/// configuration, else the adapter's own default).
/// </summary>
public sealed class CloudSpeechProviders(IConfiguration configuration)
{
    private static readonly Dictionary<string, (string KeyVariable, string BaseUrlVariable, Func<string> DefaultBaseUrl)> Table = new()
    {
        ["openai"] = ("OPENAI_API_KEY", "PARLEY_OPENAI_BASE_URL", () => new OpenAITtsOptions().BaseUrl),
        ["11labs"] = ("ELEVENLABS_API_KEY", "PARLEY_ELEVENLABS_BASE_URL", () => new ElevenLabsOptions().BaseUrl),
        ["cartesia"] = ("CARTESIA_API_KEY", "PARLEY_CARTESIA_BASE_URL", () => new CartesiaOptions().BaseUrl),
        ["deepgram"] = ("DEEPGRAM_API_KEY", "PARLEY_DEEPGRAM_BASE_URL", () => new DeepgramOptions().BaseUrl),
    };

    public bool Knows(string provider) => Table.ContainsKey(provider);

    /// <summary>The environment variable holding the server's key for the provider.</summary>
    public string KeyVariable(string provider) => Table[provider].KeyVariable;

    /// <summary>The server's own key for the provider, or null.</summary>
    public string? ServerKey(string provider) => NonEmpty(configuration[KeyVariable(provider)]);

    public string BaseUrl(string provider)
    {
        var (_, variable, fallback) = Table[provider];
        return (NonEmpty(configuration[variable]) ?? fallback()).TrimEnd('/');
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
