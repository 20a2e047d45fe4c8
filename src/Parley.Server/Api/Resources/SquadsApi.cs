using Parley.Server.Api.Infrastructure;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary><c>/squad</c>: groups of assistants that hand a call to each other.</summary>
public static class SquadsApi
{
    public static readonly ResourceDefinition<SquadEntity> Definition = new()
    {
        Noun = "Squad",
        Set = db => db.Squads,
        CreateSchema = _ => "CreateSquadDTO",
        UpdateSchema = _ => "UpdateSquadDTO",
        NewRow = (id, orgId, body) => new SquadEntity { Id = id, OrgId = orgId, Body = "" },
        SyncColumns = (row, body) => row.Name = body.StringOrNull("name"),
        References = [.. ReferenceRule.SquadRules()],
        // The members' inline assistants are checked as POST /assistant checks one, not first at a call's socket.
        Checks = body => Parley.Core.Calls.Plans.SpeechPlanChecks.CheckSquad(body),
    };

    public static RouteGroupBuilder MapSquads(this RouteGroupBuilder group) => group.MapDocumentResource(Definition);
}
