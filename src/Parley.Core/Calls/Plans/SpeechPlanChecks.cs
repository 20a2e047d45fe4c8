using System.Text.Json.Nodes;
using Parley.Core.Calls.Turns;
using Parley.Core.Json;

namespace Parley.Core.Calls.Plans;

/// <summary>
/// What in an assistant's speech plans would stop its call from starting, and that a schema cannot see: a
/// smartEndpointingPlan.waitFunction that does not parse, a custom endpointing rule's or a voice replacement's regex
/// that does not compile. Decided by the parsers the call itself uses, so an assistant refused here is exactly one
/// whose call would fail; each message names the field by its path (after <c>prefix</c>).
/// </summary>
public static class SpeechPlanChecks
{
    public static IEnumerable<string> Check(JsonObject assistant, string prefix = "")
    {
        var plan = assistant["startSpeakingPlan"] as JsonObject;
        // An empty waitFunction means the default, as the call reads it; only the providers that use it parse it.
        if (JsonRead.String(plan?["smartEndpointingPlan"]?["provider"]) is "livekit" or "vapi" &&
            JsonRead.String(plan?["smartEndpointingPlan"]?["waitFunction"]) is { Length: > 0 } expression &&
            !WaitFunction.TryParse(expression, out _, out var error))
            yield return $"{prefix}startSpeakingPlan.smartEndpointingPlan.waitFunction must be a valid expression of x ({error})";

        foreach (var (entry, path) in Entries(plan?["customEndpointingRules"], $"{prefix}startSpeakingPlan.customEndpointingRules"))
        {
            var rule = SpeechPlanReader.CustomRule(entry);
            // The fields the rule's type uses, as CustomEndpointingRule compiles them.
            (string Field, string? Pattern, RegexFlags Flags)[] patterns = rule.Type == "both"
                ? [("assistantRegex", rule.AssistantRegex, rule.AssistantRegexOptions), ("customerRegex", rule.CustomerRegex, rule.CustomerRegexOptions)]
                : [("regex", rule.Regex, rule.RegexOptions)];
            foreach (var (field, pattern, flags) in patterns)
                if (RegexProblem($"{path}.{field}", pattern, flags) is { } problem) yield return problem;
        }

        var replacements = assistant["voice"]?["chunkPlan"]?["formatPlan"]?["replacements"];
        foreach (var (entry, path) in Entries(replacements, $"{prefix}voice.chunkPlan.formatPlan.replacements"))
            if (SpeechPlanReader.ReplacementOf(entry) is { Type: "regex" } replacement &&
                RegexProblem($"{path}.regex", replacement.Regex, replacement.Options) is { } invalid)
                yield return invalid;
    }

    /// <summary>The same checks for every assistant a squad gives inline: each member's assistant and overrides, and the squad's membersOverrides.</summary>
    public static IEnumerable<string> CheckSquad(JsonObject squad, string prefix = "")
    {
        if (squad["membersOverrides"] is JsonObject shared)
            foreach (var problem in Check(shared, $"{prefix}membersOverrides.")) yield return problem;
        foreach (var (member, path) in Entries(squad["members"], $"{prefix}members"))
            foreach (var field in (string[])["assistant", "assistantOverrides"])
                if (member[field] is JsonObject assistant)
                    foreach (var problem in Check(assistant, $"{path}.{field}.")) yield return problem;
    }

    private static string? RegexProblem(string path, string? pattern, RegexFlags flags) =>
        pattern is not null && !CallRegex.TryCreate(pattern, flags, out _, out var error)
            ? $"{path} must be a valid regular expression ({error})"
            : null;

    /// <summary>The objects of a list with the path of each, by its index in the list as sent.</summary>
    private static IEnumerable<(JsonObject Entry, string Path)> Entries(JsonNode? list, string path)
    {
        if (list is not JsonArray array) yield break;
        for (var i = 0; i < array.Count; i++)
            if (array[i] is JsonObject entry) yield return (entry, $"{path}.{i}");
    }
}
