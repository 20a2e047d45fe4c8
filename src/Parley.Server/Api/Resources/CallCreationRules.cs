using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Calls.Plans;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary>The cross-field rules of <c>POST /call</c> that a JSON schema cannot say.</summary>
public static class CallCreationRules
{
    private static readonly string[] AssistantSources = ["assistantId", "assistant", "squadId", "squad"];

    public static bool NamesAssistant(JsonObject body) => AssistantSources.Any(body.ContainsKey);

    public static IEnumerable<string> Check(JsonObject body)
    {
        if (body.ContainsKey("workflowId") || body.ContainsKey("workflow"))
            yield return "workflowId and workflow are not supported by Parley: use assistant, assistantId, squad or squadId";

        var sources = AssistantSources.Where(body.ContainsKey).ToList();
        if (sources.Count > 1)
            yield return $"only one of assistantId, assistant, squadId, squad may be set (got {string.Join(", ", sources)})";

        var transportProvider = (body["transport"] as JsonObject)?.StringOrNull("provider");
        var hasPhone = body.ContainsKey("phoneNumberId") || body.ContainsKey("phoneNumber");

        if (transportProvider is not null && transportProvider != "vapi.websocket")
            yield return $"transport.provider '{transportProvider}' is not supported for POST /call: use 'vapi.websocket', or a phoneNumberId for phone calls";

        if (transportProvider == "vapi.websocket" && hasPhone)
            yield return "phoneNumberId and phoneNumber must not be set for a vapi.websocket transport call";

        if (body.ContainsKey("phoneNumber"))
            yield return "phoneNumber (a transient phone number) is not supported: create it with POST /phone-number and pass phoneNumberId";

        if (body.ContainsKey("customerId"))
            yield return "customerId is not supported: pass the customer inline as customer";

        if (transportProvider is null && !hasPhone)
            yield return "a call needs a transport ({\"provider\": \"vapi.websocket\"}) or a phoneNumberId and a customer to call";

        if (body.ContainsKey("phoneNumberId") && !body.ContainsKey("customer") && !body.ContainsKey("customers"))
            yield return "customer must be set for an outbound phone call (the number to call)";

        if (sources.Count == 0 && !body.ContainsKey("phoneNumberId"))
            yield return "a call needs one of assistantId, assistant, squadId or squad";

        // The call's own assistant settings are checked as POST /assistant checks them, not first at its socket.
        foreach (var field in (string[])["assistant", "assistantOverrides"])
            if (body[field] is JsonObject assistant)
                foreach (var problem in SpeechPlanChecks.Check(assistant, field + "."))
                    yield return problem;
        if (body["squad"] is JsonObject squad)
            foreach (var problem in SpeechPlanChecks.CheckSquad(squad, "squad."))
                yield return problem;
    }

    /// <summary>A call with no assistant of its own uses its phone number's assistant, squad or server.</summary>
    public static async Task<IEnumerable<string>> CheckPhoneNumberCanAnswerAsync(ParleyDbContext db, string orgId, string phoneNumberId, CancellationToken ct)
    {
        var row = await db.PhoneNumbers.ForOrg(orgId).AsNoTracking().FirstOrDefaultAsync(p => p.Id == phoneNumberId, ct);
        if (row is null) return [];
        var phone = DocumentJson.ParseBody(row.Body);
        var answers = phone.ContainsKey("assistantId") || phone.ContainsKey("squadId") ||
                      (phone["server"] as JsonObject)?.StringOrNull("url") is not null;
        return answers ? [] : ["a call needs one of assistantId, assistant, squadId or squad (the phone number has no assistant, squad or server url)"];
    }
}
