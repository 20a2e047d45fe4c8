using System.Text.Json.Nodes;

using Parley.Core.Json;

namespace Parley.Core.Http;

/// <summary>Turns a credential (bearer, oauth2, hmac authenticationPlan, or a plain apiKey) into request headers.</summary>
internal sealed class CredentialAuthenticator(HttpClient http, TimeProvider time)
{
    private readonly OAuth2TokenCache _oauth2 = new(http, time);

    /// <summary>True when a 401 may be cured by fetching a fresh oauth2 token.</summary>
    public static bool UsesOAuth2Token(JsonObject? credential, bool authorizationGiven) =>
        !authorizationGiven && PlanType(credential) == "oauth2";

    /// <summary>Headers the credential adds; names already given explicitly are the caller's to skip.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> HeadersAsync(
        string credentialId, JsonObject credential, string method, string url, string body, bool authorizationGiven,
        bool refreshToken, CancellationToken cancellationToken)
    {
        if (credential["authenticationPlan"] is not JsonObject plan)
        {
            return JsonRead.String(credential["apiKey"]) is { Length: > 0 } apiKey && !authorizationGiven
                ? [new("Authorization", "Bearer " + apiKey)]
                : [];
        }

        switch (PlanType(credential))
        {
            case "bearer":
                var token = JsonRead.String(plan["token"]) ?? throw new OutboundAuthException("The bearer plan has no token.");
                var prefixed = JsonRead.Bool(plan["bearerPrefixEnabled"]) ?? true;
                return [new(JsonRead.String(plan["headerName"]) ?? "Authorization", prefixed ? "Bearer " + token : token)];
            case "oauth2":
                if (authorizationGiven) return [];
                var authorization = await _oauth2.GetAuthorizationAsync(credentialId, plan, refreshToken, cancellationToken)
                    .ConfigureAwait(false);
                return [new("Authorization", authorization)];
            case "hmac":
                return HmacSigner.Sign(plan, method, url, body, time.GetUtcNow());
            case var other:
                throw new OutboundAuthException($"Unsupported authenticationPlan type '{other}'.");
        }
    }

    private static string? PlanType(JsonObject? credential) =>
        credential?["authenticationPlan"] is JsonObject plan ? JsonRead.String(plan["type"])?.ToLowerInvariant() : null;
}
