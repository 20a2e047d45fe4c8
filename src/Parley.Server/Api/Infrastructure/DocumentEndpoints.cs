using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Hosting;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Services every resource handler needs, bundled for <c>[AsParameters]</c>.</summary>
public sealed class ApiServices(ParleyDbContext db, IRequestValidator validator, DocumentSecrets secrets,
    TimeProvider clock, ParleyOptions options)
{
    public ParleyDbContext Db { get; } = db;
    public IRequestValidator Validator { get; } = validator;
    public DocumentSecrets Secrets { get; } = secrets;
    public TimeProvider Clock { get; } = clock;
    public ParleyOptions Options { get; } = options;
}

/// <summary>
/// Vapi's five verbs over a document resource: create (201), list (bare array), get, PATCH (top-level merge)
/// and DELETE (answers the deleted object). Another org's id is answered exactly like a missing one.
/// </summary>
public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentResource<T>(this RouteGroupBuilder group, ResourceDefinition<T> definition)
        where T : DocumentEntity
    {
        group.MapGet("/", (HttpContext http, ApiServices api) => ListAsync(http, api, definition));
        group.MapGet("/{id}", (string id, HttpContext http, ApiServices api) => GetAsync(id, http, api, definition));
        group.MapPost("/", (HttpContext http, ApiServices api) => CreateAsync(http, api, definition));
        group.MapPatch("/{id}", (string id, HttpContext http, ApiServices api) => UpdateAsync(id, http, api, definition));
        group.MapDelete("/{id}", (string id, HttpContext http, ApiServices api) => DeleteAsync(id, http, api, definition));
        return group;
    }

    public static async Task<IResult> ListAsync<T>(HttpContext http, ApiServices api, ResourceDefinition<T> definition)
        where T : DocumentEntity
    {
        var (query, errors) = ListQuery.Parse(http.Request.Query);
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);
        var rows = await query.Apply(definition.Set(api.Db).ForOrg(http.Caller().OrgId)).AsNoTracking().ToListAsync(http.RequestAborted);
        return new JsonNodeResult(new JsonArray(rows.Select(r => (JsonNode?)Respond(api, r)).ToArray()));
    }

    public static async Task<IResult> GetAsync<T>(string id, HttpContext http, ApiServices api, ResourceDefinition<T> definition)
        where T : DocumentEntity
    {
        var row = await FindAsync(api, definition, http.Caller().OrgId, id, http.RequestAborted, tracking: false);
        return row is null ? NotFound(definition) : new JsonNodeResult(Respond(api, row));
    }

    public static async Task<IResult> CreateAsync<T>(HttpContext http, ApiServices api, ResourceDefinition<T> definition)
        where T : DocumentEntity
    {
        var read = await RequestBody.ReadObjectAsync(http, api.Options.MaxRequestBodyBytes);
        if (read.Error is not null) return read.Error;
        var body = read.Body!;
        var orgId = http.Caller().OrgId;

        var errors = api.Validator.Validate(definition.CreateSchema(body), body).ToList();
        if (errors.Count == 0) errors.AddRange(definition.Checks(body));
        if (errors.Count == 0)
            errors.AddRange(await ReferenceChecker.CheckAsync(api.Db, orgId, body, definition.References, http.RequestAborted));
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);

        Protect(api, definition, body);
        var row = definition.NewRow(Guid.NewGuid().ToString(), orgId, body);
        row.CreatedAt = row.UpdatedAt = DocumentJson.Now(api.Clock);
        definition.SyncColumns(row, body);
        row.Body = body.ToJsonString();
        definition.Set(api.Db).Add(row);
        await api.Db.SaveChangesAsync(http.RequestAborted);
        return new JsonNodeResult(Respond(api, row), StatusCodes.Status201Created);
    }

    public static async Task<IResult> UpdateAsync<T>(string id, HttpContext http, ApiServices api, ResourceDefinition<T> definition)
        where T : DocumentEntity
    {
        var read = await RequestBody.ReadObjectAsync(http, api.Options.MaxRequestBodyBytes);
        if (read.Error is not null) return read.Error;
        var patch = read.Body!;
        var orgId = http.Caller().OrgId;

        var row = await FindAsync(api, definition, orgId, id, http.RequestAborted, tracking: true);
        if (row is null) return NotFound(definition);

        if (definition.Discriminator is { } field && definition.StoredDiscriminator is { } stored &&
            patch[field] is JsonValue sent && sent.TryGetValue<string>(out var sentKind) && sentKind != stored(row))
            return VapiErrors.BadRequest($"{field} cannot be changed from '{stored(row)}' to '{sentKind}'; create a new {definition.Noun.ToLowerInvariant()} instead");

        var errors = api.Validator.Validate(definition.UpdateSchema(row), patch).ToList();
        // A PATCH replaces each top-level field it sends, so the fields sent are all there is to check.
        if (errors.Count == 0) errors.AddRange(definition.Checks(patch));
        if (errors.Count == 0)
            errors.AddRange(await ReferenceChecker.CheckAsync(api.Db, orgId, patch, definition.References, http.RequestAborted));
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);

        Protect(api, definition, patch);
        var body = DocumentJson.ParseBody(row.Body);
        MergeTopLevel(body, patch);
        definition.SyncColumns(row, body);
        row.Body = body.ToJsonString();
        row.UpdatedAt = DocumentJson.Now(api.Clock);
        await api.Db.SaveChangesAsync(http.RequestAborted);
        return new JsonNodeResult(Respond(api, row));
    }

    public static async Task<IResult> DeleteAsync<T>(string id, HttpContext http, ApiServices api, ResourceDefinition<T> definition)
        where T : DocumentEntity
    {
        var row = await FindAsync(api, definition, http.Caller().OrgId, id, http.RequestAborted, tracking: true);
        if (row is null) return NotFound(definition);
        definition.Set(api.Db).Remove(row);
        await api.Db.SaveChangesAsync(http.RequestAborted);
        return new JsonNodeResult(Respond(api, row));
    }

    /// <summary>
    /// PATCH semantics Vapi documents: each top-level field sent replaces the stored one wholesale (nested objects
    /// are not merged); a field sent as null is removed.
    /// </summary>
    public static void MergeTopLevel(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) target.Remove(key);
            else target[key] = value.DeepClone();
        }
    }

    public static JsonObject Respond(ApiServices api, DocumentEntity row) =>
        DocumentJson.Compose(row, api.Secrets.ForResponse(DocumentJson.ParseBody(row.Body)));

    public static Task<T?> FindAsync<T>(ApiServices api, ResourceDefinition<T> definition, string orgId, string id,
        CancellationToken ct, bool tracking) where T : DocumentEntity
    {
        var rows = definition.Set(api.Db).ForOrg(orgId).Where(r => r.Id == id);
        return (tracking ? rows : rows.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    public static IResult NotFound<T>(ResourceDefinition<T> definition) where T : DocumentEntity =>
        VapiErrors.NotFound($"{definition.Noun} not found");

    private static void Protect<T>(ApiServices api, ResourceDefinition<T> definition, JsonObject body) where T : DocumentEntity
    {
        if (definition.HasWriteOnlySecrets) api.Secrets.ProtectAllSecrets(body);
        else api.Secrets.ProtectServerSecrets(body);
    }
}
