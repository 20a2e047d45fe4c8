using System.Text.Json.Nodes;
using Parley.Core.Calls.Plans;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary><c>/assistant</c>: Vapi's assistant resource.</summary>
public static class AssistantsApi
{
    public static readonly ResourceDefinition<AssistantEntity> Definition = new()
    {
        Noun = "Assistant",
        Set = db => db.Assistants,
        CreateSchema = _ => "CreateAssistantDTO",
        UpdateSchema = _ => "UpdateAssistantDTO",
        NewRow = (id, orgId, body) => new AssistantEntity { Id = id, OrgId = orgId, Body = "" },
        SyncColumns = (row, body) => row.Name = body.StringOrNull("name"),
        References = [.. ReferenceRule.AssistantRules()],
        // What would otherwise fail the assistant's calls at the socket (an invalid waitFunction or regex) is a 400 now.
        Checks = body => SpeechPlanChecks.Check(body),
    };

    public static RouteGroupBuilder MapAssistants(this RouteGroupBuilder group) => group.MapDocumentResource(Definition);
}
