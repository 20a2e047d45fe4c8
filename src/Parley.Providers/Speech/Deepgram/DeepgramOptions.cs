namespace Parley.Providers.Speech.Deepgram;

/// <summary>Where and how to reach Deepgram; the base URL can point at a local fake or a self-hosted deployment.</summary>
public sealed record DeepgramOptions
{
    /// <summary>HTTP(S) base; the live socket uses the matching ws(s) scheme. Env <c>PARLEY_DEEPGRAM_BASE_URL</c>.</summary>
    public string BaseUrl { get; init; } = Environment.GetEnvironmentVariable("PARLEY_DEEPGRAM_BASE_URL") ?? "https://api.deepgram.com";

    /// <summary>Key used when the assistant's transcriber/voice block brings none. Env <c>DEEPGRAM_API_KEY</c>.</summary>
    public string? ApiKey { get; init; } = Environment.GetEnvironmentVariable("DEEPGRAM_API_KEY");

    /// <summary>Deepgram closes an idle stream after 10 s; its docs advise a KeepAlive every 3-5 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(4);

    internal Uri SocketUri(string pathAndQuery)
    {
        var b = new UriBuilder(new Uri(new Uri(BaseUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/')));
        b.Scheme = b.Scheme switch { "https" => "wss", "http" => "ws", _ => b.Scheme };
        return b.Uri;
    }

    internal Uri HttpUri(string pathAndQuery) => new(new Uri(BaseUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/'));
}
