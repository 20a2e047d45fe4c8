using System.Text.Json.Nodes;

namespace Parley.Core.Http;

/// <summary>The org's credentials, decrypted, for authenticating outbound requests and provider calls.</summary>
public interface ICredentialStore
{
    /// <summary>The credential body (e.g. <c>{"provider":"custom-credential","authenticationPlan":{...}}</c>), or null when unknown.</summary>
    ValueTask<JsonObject?> GetAsync(string credentialId, CancellationToken cancellationToken);

    /// <summary>The newest credential of a provider (e.g. "openai"), for provider API keys.</summary>
    ValueTask<JsonObject?> FindByProviderAsync(string provider, CancellationToken cancellationToken);
}
