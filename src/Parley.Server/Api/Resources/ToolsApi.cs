using Parley.Server.Api.Infrastructure;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary><c>/tool</c>: function, apiRequest, transferCall, endCall, dtmf, sms and Vapi's other tool types.</summary>
public static class ToolsApi
{
    public static readonly ResourceDefinition<ToolEntity> Definition = new()
    {
        Noun = "Tool",
        Set = db => db.Tools,
        CreateSchema = _ => "CreateToolDTO",
        UpdateSchema = row => $"UpdateToolDTO:{row.Type}",
        NewRow = (id, orgId, body) => new ToolEntity { Id = id, OrgId = orgId, Type = body.StringOrNull("type") ?? "", Body = "" },
        SyncColumns = (row, body) =>
            row.Name = body.StringOrNull("name") ?? (body["function"] as System.Text.Json.Nodes.JsonObject)?.StringOrNull("name"),
        Discriminator = "type",
        StoredDiscriminator = row => row.Type,
        References =
        [
            new("credentialId", ReferenceTarget.Credential),
            new("server.credentialId", ReferenceTarget.Credential),
        ],
    };

    public static RouteGroupBuilder MapTools(this RouteGroupBuilder group) => group.MapDocumentResource(Definition);
}
