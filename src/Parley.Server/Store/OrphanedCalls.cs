using Microsoft.EntityFrameworkCore;
using Parley.Core.Calls.Messages;
using Parley.Server.Api.Infrastructure;

namespace Parley.Server.Store;

/// <summary>
/// Ends the calls a previous server process left in progress (killed or crashed mid-call: a graceful stop ends its
/// calls as worker-shutdown). Only for SQLite, where this process is the only one running calls; with PostgreSQL the
/// calls may be live on another server, so they are left alone.
/// </summary>
public static class OrphanedCalls
{
    public static async Task<int> EndAsync(ParleyDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return 0;
        var orphans = await db.Calls.Where(c => c.Status == "in-progress").ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var row in orphans)
        {
            // The stored body keeps its protected secrets as they are: only the status fields change.
            var body = DocumentJson.ParseBody(row.Body);
            Api.Resources.CallRecord.End(body, EndedReasons.PlatformFault, now);
            row.Body = body.ToJsonString();
            row.Status = "ended";
            row.UpdatedAt = DocumentJson.Now(clock);
        }
        await db.SaveChangesAsync(cancellationToken);
        return orphans.Count;
    }
}
