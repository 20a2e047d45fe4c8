using Parley.Server.Api.Infrastructure;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary><c>/phone-number</c>: numbers by provider (twilio, vonage, vapi, byo-phone-number, telnyx).</summary>
public static class PhoneNumbersApi
{
    public static readonly ResourceDefinition<PhoneNumberEntity> Definition = new()
    {
        Noun = "Phone number",
        Set = db => db.PhoneNumbers,
        CreateSchema = _ => "CreatePhoneNumberDTO",
        UpdateSchema = row => $"UpdatePhoneNumberDTO:{row.Provider}",
        NewRow = (id, orgId, body) => new PhoneNumberEntity { Id = id, OrgId = orgId, Provider = body.StringOrNull("provider") ?? "", Body = "" },
        SyncColumns = (row, body) =>
        {
            row.Name = body.StringOrNull("name");
            row.Number = body.StringOrNull("number");
        },
        Discriminator = "provider",
        StoredDiscriminator = row => row.Provider,
        HasWriteOnlySecrets = true,
        References =
        [
            new("assistantId", ReferenceTarget.Assistant),
            new("squadId", ReferenceTarget.Squad),
            new("credentialId", ReferenceTarget.Credential),
            new("server.credentialId", ReferenceTarget.Credential),
        ],
    };

    public static RouteGroupBuilder MapPhoneNumbers(this RouteGroupBuilder group) => group.MapDocumentResource(Definition);
}
