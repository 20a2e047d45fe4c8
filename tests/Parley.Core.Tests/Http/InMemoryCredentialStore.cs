using System.Text.Json.Nodes;
using Parley.Core.Http;

namespace Parley.Core.Tests.Http;

/// <summary>Credentials held in a dictionary for tests.</summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly Dictionary<string, JsonObject> _byId = new();

    public InMemoryCredentialStore Add(string id, string json)
    {
        _byId[id] = JsonNode.Parse(json)!.AsObject();
        return this;
    }

    public ValueTask<JsonObject?> GetAsync(string credentialId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byId.TryGetValue(credentialId, out var credential) ? credential.DeepClone().AsObject() : null);

    public ValueTask<JsonObject?> FindByProviderAsync(string provider, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_byId.Values.LastOrDefault(c => (string?)c["provider"] == provider)?.DeepClone().AsObject());
}
