using System.Text.Json.Nodes;

namespace Parley.Providers.Speech;

/// <summary>Typed reads of optional fields in a voice/transcriber block.</summary>
internal static class SpeechRaw
{
    public static string? Str(JsonObject? raw, string name) => raw?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public static double? Num(JsonObject? raw, string name) => raw?[name] is JsonValue v && v.TryGetValue(out double d) ? d : null;

    public static bool? Bool(JsonObject? raw, string name) => raw?[name] is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    /// <summary>The requested rate if the provider can produce it, otherwise the provider's preferred rate.</summary>
    public static int PickRate(int requested, IReadOnlyList<int> supported, int preferred) => supported.Contains(requested) ? requested : preferred;
}
