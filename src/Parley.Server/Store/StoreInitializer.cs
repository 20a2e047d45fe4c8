using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Hosting;
using Parley.Server.Security;

namespace Parley.Server.Store;

/// <summary>
/// Creates the schema when the database is new and, on the very first start, the first org with its API keys,
/// printed once because only their hashes are kept; with SQLite, ends the calls a killed process left in progress.
/// </summary>
public static class StoreInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<ParleyOptions>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Parley.Store");

        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (await OrphanedCalls.EndAsync(db, scope.ServiceProvider.GetService<DataDirectoryLock>(), clock, logger, cancellationToken) is > 0 and var orphans)
            logger.LogWarning("Ended {Count} call(s) a previous server process left in progress (endedReason {Reason}).", orphans, Parley.Core.Calls.Messages.EndedReasons.PlatformFault);
        if (await db.Orgs.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Store ready ({Provider}); existing org found, keys were printed at first start.", db.Database.ProviderName);
            return;
        }

        var now = DocumentJson.Now(clock);
        var org = new OrgEntity { Id = Guid.NewGuid().ToString(), Name = "Default Org", CreatedAt = now, UpdatedAt = now, Body = new JsonObject { ["name"] = "Default Org" }.ToJsonString() };
        var privateKey = options.BootstrapKey ?? ApiKeys.NewKey();
        var publicKey = ApiKeys.NewKey();
        db.Orgs.Add(org);
        db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid().ToString(), OrgId = org.Id, Tag = ApiKeys.PrivateTag, KeyHash = ApiKeys.Hash(privateKey), CreatedAt = now });
        db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid().ToString(), OrgId = org.Id, Tag = ApiKeys.PublicTag, KeyHash = ApiKeys.Hash(publicKey), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);

        // Printed to stdout on purpose and never logged: this is the one moment the keys exist in plaintext.
        Console.WriteLine();
        Console.WriteLine("Parley created your org. Keep these keys; they are stored only as hashes and will not be shown again.");
        Console.WriteLine($"  org id:          {org.Id}");
        Console.WriteLine($"  private API key: {(options.BootstrapKey is null ? privateKey : "(the value of PARLEY_BOOTSTRAP_KEY)")}");
        Console.WriteLine($"  public API key:  {publicKey}");
        Console.WriteLine();
    }
}
