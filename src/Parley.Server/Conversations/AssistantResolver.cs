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
        if (model?["toolIds"] is JsonArray ids)
        {
            var wanted = ids.Select(i => i?.GetValue<string>()).OfType<string>().ToList();
            var rows = await db.Tools.ForOrg(orgId).AsNoTracking().Where(t => wanted.Contains(t.Id)).ToListAsync(cancellationToken);
            foreach (var id in wanted)
            {
                var row = rows.FirstOrDefault(r => r.Id == id);
                if (row is null) return (null, $"model.toolIds must reference existing tools (no tool with id '{id}' in this org)");
                var tool = secrets.Decrypted(DocumentJson.ParseBody(row.Body));
                tool["id"] = row.Id;
                tools.Add(tool);
            }
        }
        tools.AddRange(appended);
        return (new ResolvedAssistant(assistant, variables, tools), null);
    }
}
