using System.Text.Json.Nodes;
using Parley.Core.Json;
using Parley.Server.Store;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Turns stored rows into the JSON objects the API returns.</summary>
public static class DocumentJson
{
    /// <summary>Now, truncated to whole milliseconds so stored and returned values agree exactly.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    public static JsonObject ParseBody(string body) =>
        JsonNode.Parse(body) as JsonObject ?? throw new InvalidDataException("A stored body is not a JSON object.");

    /// <summary>The response object: the stored fields followed by id, orgId and the timestamps.</summary>
    public static JsonObject Compose(DocumentEntity row, JsonObject body)
    {
        body["id"] = row.Id;
        body["orgId"] = row.OrgId;
        body["createdAt"] = JsonTime.Iso(row.CreatedAt);
        body["updatedAt"] = JsonTime.Iso(row.UpdatedAt);
        return body;
    }

    /// <summary>Fields a client may not set because the server owns them.</summary>
    public static readonly string[] ServerOwnedFields = ["id", "orgId", "createdAt", "updatedAt"];
}
