using System.Text.Json.Nodes;

namespace Parley.Providers.Speech.CustomTranscriber;

/// <summary>The transcriber's <c>server</c> block: where to connect and which headers to send.</summary>
public sealed record CustomTranscriberServer(Uri Url, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Reads <c>server.url</c>, <c>server.secret</c> (sent as <c>x-vapi-secret</c>) and <c>server.headers</c>.</summary>
    public static CustomTranscriberServer? FromTranscriber(JsonObject? transcriber)
    {
        if (transcriber?["server"] is not JsonObject server ||
            server["url"]?.GetValue<string>() is not { } url ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (server["secret"]?.GetValue<string>() is { Length: > 0 } secret) headers["x-vapi-secret"] = secret;
        // server.headers are sent verbatim and win over the legacy secret (vapi-api.md §6.5).
        if (server["headers"] is JsonObject extra)
            foreach (var (name, value) in extra)
                if (value is JsonValue v && v.TryGetValue(out string? s)) headers[name] = s;
        var b = new UriBuilder(uri);
        b.Scheme = b.Scheme switch { "https" => "wss", "http" => "ws", _ => b.Scheme };
        return new CustomTranscriberServer(b.Uri, headers);
    }
}
