using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Server.Store;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Turns stored rows into the JSON objects the API returns.</summary>
public static class DocumentJson
{
    /// <summary>ISO-8601 UTC with milliseconds, the way JavaScript's toISOString writes it.</summary>
    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

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
        body["createdAt"] = Timestamp(row.CreatedAt);
        body["updatedAt"] = Timestamp(row.UpdatedAt);
        return body;
    }

    /// <summary>Fields a client may not set because the server owns them.</summary>
    public static readonly string[] ServerOwnedFields = ["id", "orgId", "createdAt", "updatedAt"];
}
