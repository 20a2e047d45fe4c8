using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Http;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Conversations;

/// <summary>One org's credentials from the store, decrypted for use; a fresh context per read so it outlives requests.</summary>
public sealed class DbCredentialStore(IDbContextFactory<ParleyDbContext> contexts, DocumentSecrets secrets, string orgId) : ICredentialStore
{
    public async ValueTask<JsonObject?> GetAsync(string credentialId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Credentials.ForOrg(orgId).AsNoTracking().FirstOrDefaultAsync(c => c.Id == credentialId, cancellationToken);
        return row is null ? null : WithId(row);
    }

    public async ValueTask<JsonObject?> FindByProviderAsync(string provider, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Credentials.ForOrg(orgId).AsNoTracking()
            .Where(c => c.Provider == provider)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : WithId(row);
    }

    private JsonObject WithId(CredentialEntity row)
    {
        var body = secrets.Decrypted(DocumentJson.ParseBody(row.Body));
        body["id"] = row.Id;
        return body;
    }
}
