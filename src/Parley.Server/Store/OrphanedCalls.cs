using Microsoft.EntityFrameworkCore;
using Parley.Core.Calls.Messages;
using Parley.Server.Api.Infrastructure;

namespace Parley.Server.Store;

/// <summary>
/// Ends the calls a previous server process left in progress (killed or crashed mid-call: a graceful stop ends its
/// calls as worker-shutdown). Only for SQLite, and only by the process holding the data directory's lock: then no other
/// process can be running them. With PostgreSQL the calls may be live on another server, so they are left alone.
/// </summary>
public static class OrphanedCalls
{
    public static async Task<int> EndAsync(ParleyDbContext db, DataDirectoryLock? directoryLock, TimeProvider clock, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return 0;
        if (directoryLock is not { Held: true })
        {
            logger.LogWarning("Another Parley process is using this data directory: calls left in progress are not ended, since it may be running them.");
            return 0;
        }
        var orphans = await db.Calls.Where(c => c.Status == "in-progress").ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var ended = 0;
        foreach (var row in orphans)
        {
            try
            {
                // The stored body keeps its protected secrets as they are: only the status fields change.
                var body = DocumentJson.ParseBody(row.Body);
                Api.Resources.CallRecord.End(body, EndedReasons.PlatformFault, now);
                row.Body = body.ToJsonString();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                // A body that does not parse is left as it is; its status column still says the call is over.
                logger.LogWarning(e, "Call {CallId}: its stored record does not parse; only its status is set to ended.", row.Id);
            }
            row.Status = "ended";
            row.UpdatedAt = DocumentJson.Now(clock);
            ended++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return ended;
    }
}
