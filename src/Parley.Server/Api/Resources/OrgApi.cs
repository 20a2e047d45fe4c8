using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Json;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary>
/// <c>/org</c>: the caller's own org and its settings, above all <c>server</c> — the last fallback for
/// server messages. A key sees only its own org.
/// </summary>
public static class OrgApi
{
    public static RouteGroupBuilder MapOrg(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiServices api)
    {
        var org = await api.Db.Orgs.AsNoTracking().FirstAsync(o => o.Id == http.Caller().OrgId, http.RequestAborted);
        return new JsonNodeResult(new JsonArray(Respond(api, org)));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ApiServices api)
    {
        if (id != http.Caller().OrgId) return VapiErrors.NotFound("Org not found");
        var org = await api.Db.Orgs.AsNoTracking().FirstAsync(o => o.Id == id, http.RequestAborted);
        return new JsonNodeResult(Respond(api, org));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, ApiServices api)
    {
        var read = await RequestBody.ReadObjectAsync(http, api.Options.MaxRequestBodyBytes);
        if (read.Error is not null) return read.Error;
        if (id != http.Caller().OrgId) return VapiErrors.NotFound("Org not found");

        var patch = read.Body!;
        var errors = api.Validator.Validate("UpdateOrgDTO", patch).ToList();
        if (errors.Count == 0)
            errors.AddRange(await ReferenceChecker.CheckAsync(api.Db, id, patch,
                [new ReferenceRule("server.credentialId", ReferenceTarget.Credential)], http.RequestAborted));
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);

        api.Secrets.ProtectServerSecrets(patch);
        var org = await api.Db.Orgs.FirstAsync(o => o.Id == id, http.RequestAborted);
        var body = DocumentJson.ParseBody(org.Body);
        DocumentEndpoints.MergeTopLevel(body, patch);
        org.Body = body.ToJsonString();
        org.Name = body.StringOrNull("name");
        org.UpdatedAt = DocumentJson.Now(api.Clock);
        await api.Db.SaveChangesAsync(http.RequestAborted);
        return new JsonNodeResult(Respond(api, org));
    }

    private static JsonObject Respond(ApiServices api, OrgEntity org)
    {
        var body = api.Secrets.ForResponse(DocumentJson.ParseBody(org.Body));
        body["id"] = org.Id;
        body["createdAt"] = JsonTime.Iso(org.CreatedAt);
        body["updatedAt"] = JsonTime.Iso(org.UpdatedAt);
        return body;
    }
}
