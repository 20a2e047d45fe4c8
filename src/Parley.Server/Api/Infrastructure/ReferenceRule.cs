using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Store;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Kinds of resource a body can point at by id.</summary>
public enum ReferenceTarget { Assistant, Squad, Tool, PhoneNumber, Credential }

/// <summary>
/// A place in a body that holds an id of another resource, as a dotted path where <c>*</c> walks every array item
/// (for example <c>members.*.assistantId</c>).
/// </summary>
public sealed record ReferenceRule(string Path, ReferenceTarget Target)
{
    /// <summary>The references every assistant body may hold, prefixed for assistants nested in other bodies.</summary>
    public static IEnumerable<ReferenceRule> AssistantRules(string prefix = "") =>
    [
        new($"{prefix}model.toolIds.*", ReferenceTarget.Tool),
        new($"{prefix}credentialIds.*", ReferenceTarget.Credential),
        new($"{prefix}server.credentialId", ReferenceTarget.Credential),
        new($"{prefix}model.tools.*.credentialId", ReferenceTarget.Credential),
        new($"{prefix}hooks.*.do.*.toolId", ReferenceTarget.Tool),
    ];

    /// <summary>The references of a squad body, prefixed when the squad is inline in another body.</summary>
    public static IEnumerable<ReferenceRule> SquadRules(string prefix = "") =>
    [
        new($"{prefix}members.*.assistantId", ReferenceTarget.Assistant),
        .. AssistantRules($"{prefix}members.*.assistant."),
        .. AssistantRules($"{prefix}members.*.assistantOverrides."),
        .. AssistantRules($"{prefix}membersOverrides."),
    ];
}

/// <summary>Checks that every id a body points at exists in the caller's org, one query per kind.</summary>
public static class ReferenceChecker
{
    public static async Task<List<string>> CheckAsync(ParleyDbContext db, string orgId, JsonNode body,
        IEnumerable<ReferenceRule> rules, CancellationToken cancellationToken)
    {
        var found = new List<(string Path, string Id, ReferenceTarget Target)>();
        var errors = new List<string>();
        foreach (var rule in rules)
            Collect(body, rule.Path.Split('.'), 0, "", rule.Target, found, errors);

        foreach (var group in found.GroupBy(f => f.Target))
        {
            var ids = group.Select(g => g.Id).Distinct().ToList();
            var existing = (await ExistingIdsAsync(db, orgId, group.Key, ids, cancellationToken)).ToHashSet();
            foreach (var (path, id, target) in group)
                if (!existing.Contains(id))
                    errors.Add($"{path} must reference an existing {Noun(target)} (no {Noun(target)} with id '{id}' in this org)");
        }
        return errors;
    }

    private static Task<List<string>> ExistingIdsAsync(ParleyDbContext db, string orgId, ReferenceTarget target,
        List<string> ids, CancellationToken ct) => target switch
    {
        ReferenceTarget.Assistant => db.Assistants.ForOrg(orgId).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
        ReferenceTarget.Squad => db.Squads.ForOrg(orgId).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
        ReferenceTarget.Tool => db.Tools.ForOrg(orgId).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
        ReferenceTarget.PhoneNumber => db.PhoneNumbers.ForOrg(orgId).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
        ReferenceTarget.Credential => db.Credentials.ForOrg(orgId).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public static string Noun(ReferenceTarget target) => target switch
    {
        ReferenceTarget.Assistant => "assistant",
        ReferenceTarget.Squad => "squad",
        ReferenceTarget.Tool => "tool",
        ReferenceTarget.PhoneNumber => "phone number",
        ReferenceTarget.Credential => "credential",
        _ => "resource",
    };

    private static void Collect(JsonNode? node, string[] segments, int index, string path, ReferenceTarget target,
        List<(string, string, ReferenceTarget)> found, List<string> errors)
    {
        if (node is null) return;
        if (index == segments.Length)
        {
            if (node is JsonValue value && value.TryGetValue<string>(out var id))
                found.Add((path, id, target));
            return;
        }
        var segment = segments[index];
        if (segment == "*")
        {
            if (node is not JsonArray array) return;
            for (var i = 0; i < array.Count; i++)
                Collect(array[i], segments, index + 1, Join(path, i.ToString()), target, found, errors);
        }
        else if (node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child))
        {
            Collect(child, segments, index + 1, Join(path, segment), target, found, errors);
        }
    }

    private static string Join(string path, string segment) => path.Length == 0 ? segment : $"{path}.{segment}";
}
