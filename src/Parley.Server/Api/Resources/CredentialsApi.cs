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

    public static RouteGroupBuilder MapCredentials(this RouteGroupBuilder group) => group.MapDocumentResource(Definition);
}
