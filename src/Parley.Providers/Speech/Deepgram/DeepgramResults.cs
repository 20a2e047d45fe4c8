using System.Text.Json;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;

namespace Parley.Providers.Speech.Deepgram;

/// <summary>Turns one Deepgram live message into a transcript event (or nothing, for metadata and empty results).</summary>
internal static class DeepgramResults
{
    public static TranscriptEvent? Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "Results":
                return ParseResults(root);
            case "Error":
                // Documented for the newer APIs; v1/listen usually reports through the close frame instead.
                var message = Get(root, "description") ?? Get(root, "message") ?? "error";
                return new SttFailed(ProviderFailureKind.Transient, "deepgram: " + message);
            default:
                // Metadata, SpeechStarted and UtteranceEnd carry no text for the transcript stream.
                return null;
        }
    }

    private static TranscriptEvent? ParseResults(JsonElement root)
    {
        if (!root.TryGetProperty("channel", out var channel) ||
            !channel.TryGetProperty("alternatives", out var alts) || alts.GetArrayLength() == 0) return null;
        var best = alts[0];
        var text = Get(best, "transcript") ?? "";
        var isFinal = root.TryGetProperty("is_final", out var f) && f.ValueKind == JsonValueKind.True;
        if (text.Length == 0) return null;
        var words = new List<TranscriptWord>();
        if (best.TryGetProperty("words", out var ws))
            foreach (var w in ws.EnumerateArray())
                words.Add(new TranscriptWord(
                    Get(w, "punctuated_word") ?? Get(w, "word") ?? "",
                    TimeSpan.FromSeconds(Num(w, "start")),
                    TimeSpan.FromSeconds(Num(w, "end")),
                    Num(w, "confidence", 1)));
        return isFinal
            ? new TranscriptFinal(text, words, Num(best, "confidence", 1))
            : new TranscriptPartial(text, words);
    }

    private static string? Get(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Num(JsonElement e, string name, double fallback = 0) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;
}
