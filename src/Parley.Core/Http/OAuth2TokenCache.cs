using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

using Parley.Core.Json;

namespace Parley.Core.Http;

/// <summary>
/// Client-credentials tokens per credential, fetched from the plan's token URL and reused until shortly before
/// they expire.
/// </summary>
internal sealed class OAuth2TokenCache(HttpClient http, TimeProvider time)
{
    /// <summary>Refresh this long before expiry (or at half the lifetime for short tokens) so a token never dies in flight.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetchGates = new();

    /// <summary>The Authorization header value for this plan, from cache unless <paramref name="forceRefresh"/>.</summary>
    public async Task<string> GetAuthorizationAsync(string credentialId, JsonObject plan, bool forceRefresh, CancellationToken cancellationToken)
    {
        var url = JsonRead.String(plan["url"]) ?? throw new OutboundAuthException("The oauth2 plan has no url.");
        var clientId = JsonRead.String(plan["clientId"]) ?? throw new OutboundAuthException("The oauth2 plan has no clientId.");
        var key = $"{credentialId}\n{url}\n{clientId}";
        if (!forceRefresh && TryGetFresh(key) is { } cached) return cached;

        var gate = _fetchGates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have refreshed while this one waited.
            if (!forceRefresh && TryGetFresh(key) is { } refreshed) return refreshed;
            var token = await FetchAsync(url, clientId, plan, cancellationToken).ConfigureAwait(false);
            _tokens[key] = token;
            return token.Authorization;
        }
        finally
        {
            gate.Release();
        }
    }

    private string? TryGetFresh(string key) =>
        _tokens.TryGetValue(key, out var token) && time.GetUtcNow() < token.RefreshAt ? token.Authorization : null;

    private async Task<CachedToken> FetchAsync(string url, string clientId, JsonObject plan, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", clientId),
            new("client_secret", JsonRead.String(plan["clientSecret"]) ?? ""),
        };
        if (JsonRead.String(plan["scope"]) is { Length: > 0 } scope) form.Add(new("scope", scope));

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new OutboundAuthException($"The oauth2 token request failed: {e.HttpRequestError}.");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new OutboundAuthException($"The oauth2 token endpoint answered {(int)response.StatusCode}.");
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new OutboundAuthException("The oauth2 token endpoint did not answer JSON.");
            }
            var accessToken = JsonRead.String(body?["access_token"]);
            if (string.IsNullOrEmpty(accessToken))
                throw new OutboundAuthException("The oauth2 token endpoint answered without an access_token.");
            var tokenType = JsonRead.String(body?["token_type"]);
            var scheme = string.IsNullOrEmpty(tokenType) || tokenType.Equals("bearer", StringComparison.OrdinalIgnoreCase)
                ? "Bearer"
                : tokenType;
            var refreshAt = DateTimeOffset.MaxValue;
            if (JsonRead.NumberOrNumericString(body?["expires_in"]) is { } seconds and > 0)
            {
                var lifetime = TimeSpan.FromSeconds(seconds);
                var margin = lifetime / 2 < ExpiryMargin ? lifetime / 2 : ExpiryMargin;
                refreshAt = time.GetUtcNow() + lifetime - margin;
            }
            return new CachedToken($"{scheme} {accessToken}", refreshAt);
        }
    }

    private sealed record CachedToken(string Authorization, DateTimeOffset RefreshAt);
}
