using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Stt;

namespace Parley.Providers.Speech.Deepgram;

/// <summary>Builds the <c>/v1/listen</c> query string from the Vapi transcriber block.</summary>
internal static class DeepgramListenQuery
{
    /// <summary>Vapi's documented default for <c>transcriber.endpointing</c> (ms).</summary>
    public const int DefaultEndpointingMs = 10;

    public static string Build(SttOptions options)
    {
        var raw = options.Raw;
        var q = new StringBuilder("v1/listen?");
        Add(q, "model", options.Model ?? Str(raw, "model") ?? "nova-2");
        Add(q, "language", options.Language ?? Str(raw, "language") ?? "en");
        Add(q, "encoding", "linear16");
        Add(q, "sample_rate", options.SampleRate.ToString(CultureInfo.InvariantCulture));
        Add(q, "channels", "1");
        Add(q, "interim_results", "true");
        var endpointing = raw?["endpointing"] is JsonValue e && e.TryGetValue(out int ms) ? ms : DefaultEndpointingMs;
        Add(q, "endpointing", endpointing.ToString(CultureInfo.InvariantCulture));
        if (raw?["smartFormat"] is JsonValue sf && sf.TryGetValue(out bool smart)) Add(q, "smart_format", smart ? "true" : "false");
        if (raw?["numerals"] is JsonValue nu && nu.TryGetValue(out bool numerals)) Add(q, "numerals", numerals ? "true" : "false");
        if (raw?["profanityFilter"] is JsonValue pf && pf.TryGetValue(out bool profanity)) Add(q, "profanity_filter", profanity ? "true" : "false");
        if (raw?["mipOptOut"] is JsonValue mo && mo.TryGetValue(out bool mip)) Add(q, "mip_opt_out", mip ? "true" : "false");
        foreach (var k in options.Keywords) Add(q, "keywords", k);
        if (raw?["keyterm"] is JsonArray terms)
            foreach (var t in terms) if (t?.GetValue<string>() is { Length: > 0 } term) Add(q, "keyterm", term);
        q.Length--;
        return q.ToString();
    }

    private static string? Str(JsonObject? raw, string name) => raw?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static void Add(StringBuilder q, string name, string value) =>
        q.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
}
