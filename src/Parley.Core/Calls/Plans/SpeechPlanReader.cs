using System.Text.Json.Nodes;
using Parley.Core.Calls.Composer;
using Parley.Core.Calls.Turns;
using Parley.Core.Json;

namespace Parley.Core.Calls.Plans;

/// <summary>Reads the assistant's speech plans (startSpeakingPlan, voice.chunkPlan) into the engine's options, with Vapi's defaults.</summary>
public static class SpeechPlanReader
{
    public static StartSpeakingOptions StartSpeaking(JsonObject assistant)
    {
        var plan = assistant["startSpeakingPlan"] as JsonObject;
        var defaults = new StartSpeakingOptions();
        var transcription = plan?["transcriptionEndpointingPlan"] as JsonObject;
        var endpointingDefaults = new TranscriptionEndpointingOptions();
        var smart = plan?["smartEndpointingPlan"] as JsonObject;
        // The older flag spelled smart endpointing as a boolean.
        if (smart is null && JsonRead.Bool(plan?["smartEndpointingEnabled"]) == true) smart = new JsonObject { ["provider"] = "livekit" };
        return new StartSpeakingOptions
        {
            WaitSeconds = JsonRead.Number(plan?["waitSeconds"]) ?? defaults.WaitSeconds,
            TranscriptionEndpointing = new TranscriptionEndpointingOptions
            {
                OnPunctuationSeconds = JsonRead.Number(transcription?["onPunctuationSeconds"]) ?? endpointingDefaults.OnPunctuationSeconds,
                OnNoPunctuationSeconds = JsonRead.Number(transcription?["onNoPunctuationSeconds"]) ?? endpointingDefaults.OnNoPunctuationSeconds,
                OnNumberSeconds = JsonRead.Number(transcription?["onNumberSeconds"]) ?? endpointingDefaults.OnNumberSeconds,
            },
            SmartEndpointing = smart is null ? null
                : new SmartEndpointingOptions(JsonRead.String(smart["provider"]) ?? "livekit", JsonRead.String(smart["waitFunction"])),
            CustomEndpointingRules = (plan?["customEndpointingRules"] as JsonArray)?.OfType<JsonObject>().Select(CustomRule).ToList() ?? [],
        };
    }

    /// <summary>
    /// The endpointing a call runs (custom rules, smart endpointing over the transcript estimator, transcription
    /// endpointing, then waitSeconds), built one way for server calls and simulated ones. Throws on an invalid
    /// waitFunction or regex.
    /// </summary>
    public static EndpointingPolicy Endpointing(JsonObject assistant) => EndpointingPolicy.FromPlan(StartSpeaking(assistant));

    public static ChunkPlan Chunk(JsonObject? voice)
    {
        var plan = voice?["chunkPlan"] as JsonObject;
        var defaults = new ChunkPlan();
        var format = plan?["formatPlan"] as JsonObject;
        var formatDefaults = new FormatPlan();
        return new ChunkPlan
        {
            Enabled = JsonRead.Bool(plan?["enabled"]) ?? defaults.Enabled,
            MinCharacters = (int)(JsonRead.Number(plan?["minCharacters"]) ?? defaults.MinCharacters),
            PunctuationBoundaries = Strings(plan?["punctuationBoundaries"]) ?? defaults.PunctuationBoundaries,
            FormatPlan = new FormatPlan
            {
                Enabled = JsonRead.Bool(format?["enabled"]) ?? formatDefaults.Enabled,
                NumberToDigitsCutoff = (long)(JsonRead.Number(format?["numberToDigitsCutoff"]) ?? formatDefaults.NumberToDigitsCutoff),
                Replacements = (format?["replacements"] as JsonArray)?.OfType<JsonObject>().Select(ReplacementOf).OfType<Replacement>().ToList() ?? [],
                FormattersEnabled = Strings(format?["formattersEnabled"]),
            },
        };
    }

    /// <summary>One customEndpointingRules entry.</summary>
    public static CustomEndpointingRuleOptions CustomRule(JsonObject rule) => new()
    {
        Type = JsonRead.String(rule["type"]) ?? "customer",
        Regex = JsonRead.String(rule["regex"]),
        AssistantRegex = JsonRead.String(rule["assistantRegex"]),
        CustomerRegex = JsonRead.String(rule["customerRegex"]),
        RegexOptions = Flags(rule["regexOptions"]),
        AssistantRegexOptions = Flags(rule["assistantRegexOptions"]),
        CustomerRegexOptions = Flags(rule["customerRegexOptions"]),
        TimeoutSeconds = JsonRead.Number(rule["timeoutSeconds"]) ?? 0,
    };

    /// <summary>One formatPlan.replacements entry; null for one the formatter cannot use.</summary>
    public static Replacement? ReplacementOf(JsonObject entry)
    {
        var value = JsonRead.String(entry["value"]) ?? "";
        return JsonRead.String(entry["type"]) switch
        {
            "exact" when JsonRead.String(entry["key"]) is { } key => Replacement.Exact(key, value, JsonRead.Bool(entry["replaceAllEnabled"]) ?? false),
            "regex" when JsonRead.String(entry["regex"]) is { } regex => Replacement.Pattern(regex, value, Flags(entry["options"])),
            _ => null,
        };
    }

    /// <summary>Vapi's regexOptions: <c>[{"type": "ignore-case", "enabled": true}, ...]</c>.</summary>
    private static RegexFlags Flags(JsonNode? options)
    {
        var flags = RegexFlags.None;
        foreach (var option in (options as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (JsonRead.Bool(option["enabled"]) == false) continue;
            flags |= JsonRead.String(option["type"]) switch
            {
                "ignore-case" => RegexFlags.IgnoreCase,
                "whole-word" => RegexFlags.WholeWord,
                "multi-line" => RegexFlags.MultiLine,
                _ => RegexFlags.None,
            };
        }
        return flags;
    }

    private static IReadOnlyList<string>? Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(JsonRead.String).OfType<string>().ToList();
}
