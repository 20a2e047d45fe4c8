using Parley.Server.Api.Infrastructure;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary><c>/credential</c>: provider keys and authentication plans; secret values are write-only.</summary>
public static class CredentialsApi
{
    public static readonly ResourceDefinition<CredentialEntity> Definition = new()
    {
        Noun = "Credential",
        Set = db => db.Credentials,
        CreateSchema = _ => "CreateCredentialDTO",
        UpdateSchema = row => $"UpdateCredentialDTO:{row.Provider}",
        NewRow = (id, orgId, body) => new CredentialEntity { Id = id, OrgId = orgId, Provider = body.StringOrNull("provider") ?? "", Body = "" },
        SyncColumns = (row, body) => row.Name = body.StringOrNull("name"),
        Discriminator = "provider",
        StoredDiscriminator = row => row.Provider,
        HasWriteOnlySecrets = true,
    };

    public static RouteGroupBuilder MapCredentials(this RouteGroupBuilder group)
    {
        group.MapDocumentResource(Definition);
        group.MapPost("/{id}/validate", ValidateAsync);
        return group;
    }

    /// <summary>
    /// Asks the provider whether it accepts the credential's key: <c>{"provider", "valid": true|false|null, "message"}</c>
    /// (null: the provider could not be asked, or Parley cannot check that provider's keys).
    /// </summary>
    private static async Task<IResult> ValidateAsync(string id, HttpContext http, ApiServices api, Calls.IProviderKeyChecker checker)
    {
        var row = await DocumentEndpoints.FindAsync(api, Definition, http.Caller().OrgId, id, http.RequestAborted, tracking: false);
        if (row is null) return DocumentEndpoints.NotFound(Definition);
        var credential = api.Secrets.Decrypted(DocumentJson.ParseBody(row.Body));
        var result = new System.Text.Json.Nodes.JsonObject { ["id"] = row.Id, ["provider"] = row.Provider };
        if (credential.StringOrNull("apiKey") is not { } key)
        {
            result["valid"] = null;
            result["message"] = "this credential has no apiKey to check";
        }
        else if (await checker.CheckAsync(row.Provider, key, http.RequestAborted) is { } check)
        {
            result["valid"] = check.Valid;
            result["message"] = check.Message;
        }
        else
        {
            result["valid"] = null;
            result["message"] = $"Parley cannot check '{row.Provider}' keys (checked: openai, deepgram, 11labs, cartesia)";
        }
        return new JsonNodeResult(result);
    }
}
