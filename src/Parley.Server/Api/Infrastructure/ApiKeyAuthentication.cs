using Microsoft.EntityFrameworkCore;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Api.Infrastructure;

/// <summary>The org a request acts for, resolved from its bearer key.</summary>
public sealed record CallerOrg(string OrgId, string KeyTag);

/// <summary>Bearer API-key authentication, applied once per route group.</summary>
public static class ApiKeyAuthentication
{
    // Vapi's own wording for a rejected key, so clients that match on it keep working.
    public const string InvalidKeyMessage =
        "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.";

    private const string ItemKey = "parley.caller-org";

    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, bool allowPublicKey = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = await AuthenticateAsync(http);
            if (caller is null) return VapiErrors.Unauthorized(InvalidKeyMessage);
            if (caller.KeyTag != ApiKeys.PrivateTag && !allowPublicKey) return VapiErrors.Unauthorized(InvalidKeyMessage);
            http.Items[ItemKey] = caller;
            return await next(context);
        });

    /// <summary>The authenticated org; only valid inside a group that requires an API key.</summary>
    public static CallerOrg Caller(this HttpContext context) =>
        context.Items[ItemKey] as CallerOrg ?? throw new InvalidOperationException("Endpoint is missing RequireApiKey().");

    public static async Task<CallerOrg?> AuthenticateAsync(HttpContext http)
    {
        var key = BearerToken(http.Request.Headers.Authorization.ToString());
        if (key is null) return null;
        var db = http.RequestServices.GetRequiredService<ParleyDbContext>();
        var hash = ApiKeys.Hash(key);
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash)
            .Select(k => new { k.OrgId, k.Tag })
            .FirstOrDefaultAsync(http.RequestAborted);
        return row is null ? null : new CallerOrg(row.OrgId, row.Tag);
    }

    private static string? BearerToken(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[scheme.Length..].Trim();
        return token.Length is > 0 and <= 512 ? token : null;
    }
}
