using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Conversations;

/// <summary>An assistant ready to run: overrides applied, secrets decrypted, its tools loaded.</summary>
public sealed record ResolvedAssistant(JsonObject Assistant, JsonObject VariableValues, IReadOnlyList<JsonObject> Tools);

/// <summary>
/// Turns <c>assistantId</c> or a transient <c>assistant</c> plus <c>assistantOverrides</c> into the assistant a
/// conversation runs with. Overrides replace top-level fields (as PATCH does); <c>variableValues</c> become the
/// conversation's variables and <c>tools:append</c> adds tools.
/// </summary>
public sealed class AssistantResolver(ParleyDbContext db, DocumentSecrets secrets)
{
    public async Task<(ResolvedAssistant? Assistant, string? Error)> ResolveAsync(string orgId, string? assistantId,
        JsonObject? transient, JsonObject? overrides, CancellationToken cancellationToken)
    {
        JsonObject assistant;
        if (assistantId is not null)
        {
            var row = await db.Assistants.ForOrg(orgId).AsNoTracking().FirstOrDefaultAsync(a => a.Id == assistantId, cancellationToken);
            if (row is null) return (null, $"assistantId must reference an existing assistant (no assistant with id '{assistantId}' in this org)");
            assistant = secrets.Decrypted(DocumentJson.ParseBody(row.Body));
            assistant["id"] = row.Id;
        }
        else if (transient is not null)
        {
            assistant = (JsonObject)transient.DeepClone();
        }
        else
        {
            return (null, "one of assistantId or assistant must be set");
        }

        var variables = new JsonObject();
        var appended = new List<JsonObject>();
        if (overrides is not null)
        {
            foreach (var (key, value) in overrides)
            {
                switch (key)
                {
                    case "variableValues" when value is JsonObject values:
                        foreach (var (name, v) in values) variables[name] = v?.DeepClone();
                        break;
                    case "tools:append" when value is JsonArray extra:
                        appended.AddRange(extra.OfType<JsonObject>().Select(t => (JsonObject)t.DeepClone()));
                        break;
                    default:
                        if (value is null) assistant.Remove(key);
                        else assistant[key] = value.DeepClone();
                        break;
                }
            }
        }

        var tools = new List<JsonObject>();
        var model = assistant["model"] as JsonObject;
        if (model?["tools"] is JsonArray inline) tools.AddRange(inline.OfType<JsonObject>().Select(t => (JsonObject)t.DeepClone()));
        var toolIds = (model?["toolIds"] as JsonArray)?.Select(i => Core.Json.JsonRead.String(i)).OfType<string>().ToList() ?? [];
        var hookTools = HookToolIds(assistant);
        // One query for the saved tools the model and the hooks name.
        var saved = await LoadToolsAsync(orgId, toolIds.Concat(hookTools.Select(h => h.Id)), cancellationToken);
        foreach (var id in toolIds)
        {
            if (!saved.TryGetValue(id, out var tool)) return (null, $"model.toolIds must reference existing tools (no tool with id '{id}' in this org)");
            tools.Add((JsonObject)tool.DeepClone());
        }
        // A hook's tool action may name a saved tool by toolId: it is loaded into the action (the assistant here is the
        // call's own copy), so the call runs it as it runs an inline one.
        foreach (var (path, action, id) in hookTools)
        {
            if (!saved.TryGetValue(id, out var tool)) return (null, $"{path} must reference an existing tool (no tool with id '{id}' in this org)");
            action["tool"] = tool.DeepClone();
        }
        tools.AddRange(appended);
        return (new ResolvedAssistant(assistant, variables, tools), null);
    }

    /// <summary>The hook tool actions that name a saved tool by toolId, with their paths.</summary>
    private static List<(string Path, JsonObject Action, string Id)> HookToolIds(JsonObject assistant)
    {
        var wanted = new List<(string Path, JsonObject Action, string Id)>();
        var hooks = (assistant["hooks"] as JsonArray)?.ToList() ?? [];
        for (var h = 0; h < hooks.Count; h++)
        {
            var actions = (hooks[h]?["do"] as JsonArray)?.ToList() ?? [];
            for (var a = 0; a < actions.Count; a++)
                if (actions[a] is JsonObject action && action["tool"] is null && Core.Json.JsonRead.String(action["toolId"]) is { } id)
                    wanted.Add(($"hooks.{h}.do.{a}.toolId", action, id));
        }
        return wanted;
    }

    /// <summary>The org's saved tools with these ids, decrypted and carrying their id; ids with no tool are left out.</summary>
    private async Task<Dictionary<string, JsonObject>> LoadToolsAsync(string orgId, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return [];
        var rows = await db.Tools.ForOrg(orgId).AsNoTracking().Where(t => wanted.Contains(t.Id)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var tool = secrets.Decrypted(DocumentJson.ParseBody(r.Body));
            tool["id"] = r.Id;
            return tool;
        });
    }
}
