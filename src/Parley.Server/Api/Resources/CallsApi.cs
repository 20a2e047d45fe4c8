using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Calls.Messages;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Calls;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary>
/// <c>/call</c>: creating a call validates what it points at and stores it as <c>queued</c> (or ended, when every
/// concurrent-call slot is taken); the call runtime moves it through its statuses and fills in messages, transcript,
/// artifact, analysis and costs.
/// </summary>
public static class CallsApi
{
    public static readonly ResourceDefinition<CallEntity> Definition = new()
    {
        Noun = "Call",
        Set = db => db.Calls,
        CreateSchema = _ => "CreateCallDTO",
        UpdateSchema = _ => "UpdateCallDTO",
        NewRow = (id, orgId, body) => new CallEntity { Id = id, OrgId = orgId, Type = "", Status = "", Body = "" },
        SyncColumns = (row, body) =>
        {
            row.Name = body.StringOrNull("name");
            row.Type = body.StringOrNull("type") ?? row.Type;
            row.Status = body.StringOrNull("status") ?? row.Status;
            row.AssistantId = body.StringOrNull("assistantId");
            row.SquadId = body.StringOrNull("squadId");
            row.PhoneNumberId = body.StringOrNull("phoneNumberId");
        },
        References =
        [
            new("assistantId", ReferenceTarget.Assistant),
            new("squadId", ReferenceTarget.Squad),
            new("phoneNumberId", ReferenceTarget.PhoneNumber),
            .. ReferenceRule.AssistantRules("assistant."),
            .. ReferenceRule.AssistantRules("assistantOverrides."),
            .. ReferenceRule.SquadRules("squad."),
            .. ReferenceRule.AssistantRules("squadOverrides."),
            .. ReferenceRule.AssistantRules("customer.assistantOverrides."),
            .. ReferenceRule.AssistantRules("customers.*.assistantOverrides."),
        ],
    };

    public static RouteGroupBuilder MapCalls(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", (string id, HttpContext http, ApiServices api) => DocumentEndpoints.GetAsync(id, http, api, Definition));
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{id}", (string id, HttpContext http, ApiServices api) => DocumentEndpoints.UpdateAsync(id, http, api, Definition));
        group.MapDelete("/{id}", (string id, HttpContext http, ApiServices api) => DocumentEndpoints.DeleteAsync(id, http, api, Definition));
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiServices api)
    {
        var (query, errors) = ListQuery.Parse(http.Request.Query);
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);
        var rows = api.Db.Calls.ForOrg(http.Caller().OrgId);
        if (http.Request.Query["id"].ToString() is { Length: > 0 } id) rows = rows.Where(r => r.Id == id);
        if (http.Request.Query["assistantId"].ToString() is { Length: > 0 } assistantId) rows = rows.Where(r => r.AssistantId == assistantId);
        if (http.Request.Query["phoneNumberId"].ToString() is { Length: > 0 } phoneNumberId) rows = rows.Where(r => r.PhoneNumberId == phoneNumberId);
        var list = await query.Apply(rows).AsNoTracking().ToListAsync(http.RequestAborted);
        return new JsonNodeResult(new JsonArray(list.Select(r => (JsonNode?)DocumentEndpoints.Respond(api, r)).ToArray()));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiServices api, LiveCalls live)
    {
        var read = await RequestBody.ReadObjectAsync(http, api.Options.MaxRequestBodyBytes);
        if (read.Error is not null) return read.Error;
        var body = read.Body!;
        var orgId = http.Caller().OrgId;

        var errors = api.Validator.Validate("CreateCallDTO", body).ToList();
        if (errors.Count == 0) errors.AddRange(CallCreationRules.Check(body));
        if (errors.Count == 0)
            errors.AddRange(await ReferenceChecker.CheckAsync(api.Db, orgId, body, Definition.References, http.RequestAborted));
        if (errors.Count == 0 && body.StringOrNull("phoneNumberId") is { } phoneNumberId && !CallCreationRules.NamesAssistant(body))
            errors.AddRange(await CallCreationRules.CheckPhoneNumberCanAnswerAsync(api.Db, orgId, phoneNumberId, http.RequestAborted));
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);

        var links = new CallLinks(api.Options, http.Request);
        if (body["customers"] is JsonArray customers)
        {
            var results = new JsonArray();
            var anyBlocked = false;
            foreach (var customer in customers)
            {
                var single = (JsonObject)body.DeepClone();
                single.Remove("customers");
                single["customer"] = customer?.DeepClone();
                var (created, blocked) = await InsertAsync(api, live, orgId, single, links, http.RequestAborted);
                results.Add(created);
                anyBlocked |= blocked;
            }
            return new JsonNodeResult(new JsonObject
            {
                ["results"] = results,
                ["errors"] = new JsonArray(),
                // Vapi's batch answer: the limits as they stand at the end of the batch.
                ["subscriptionLimits"] = CallCapacity.Now(live, api.Options, orgId).ToSubscriptionLimits(anyBlocked),
            }, StatusCodes.Status201Created);
        }

        return new JsonNodeResult((await InsertAsync(api, live, orgId, body, links, http.RequestAborted)).Call, StatusCodes.Status201Created);
    }

    private static async Task<(JsonObject Call, bool Blocked)> InsertAsync(ApiServices api, LiveCalls live, string orgId, JsonObject body, CallLinks links, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString();
        CallRecord.Initialize(body, id, links);
        // As Vapi: a call created to start now while every slot is taken is blocked (ended, and it says why) rather than
        // queued. A scheduled call starts later, when today's load says nothing about it.
        var slots = CallCapacity.Now(live, api.Options, orgId);
        var blocked = slots.Full && body.StringOrNull("status") == "queued";
        if (blocked) CallRecord.End(body, EndedReasons.ConcurrencyLimitReached, api.Clock.GetUtcNow());
        api.Secrets.ProtectServerSecrets(body);
        var row = Definition.NewRow(id, orgId, body);
        row.CreatedAt = row.UpdatedAt = DocumentJson.Now(api.Clock);
        Definition.SyncColumns(row, body);
        row.Body = body.ToJsonString();
        api.Db.Calls.Add(row);
        await api.Db.SaveChangesAsync(ct);
        var answer = DocumentEndpoints.Respond(api, row);
        answer["subscriptionLimits"] = slots.ToSubscriptionLimits(blocked);
        return (answer, blocked);
    }
}
