using System.Text.Json.Nodes;

namespace Parley.Core.ServerMessages;

/// <summary>Where a server message goes and how: Vapi's <c>Server</c> object, resolved.</summary>
public sealed record ServerTarget(
    string Url,
    string? Secret,
    JsonObject? Headers,
    TimeSpan Timeout,
    string? CredentialId,
    JsonObject? BackoffPlan,
    IReadOnlyList<string> EncryptedPaths)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Reads a <c>server</c> object; null when it has no url.</summary>
    public static ServerTarget? From(JsonObject? server)
    {
        if (server?["url"] is not JsonValue urlValue || !urlValue.TryGetValue<string>(out var url) || string.IsNullOrWhiteSpace(url))
            return null;
        var timeout = server["timeoutSeconds"] is JsonValue t && t.TryGetValue<double>(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultTimeout;
        return new ServerTarget(
            url,
            server["secret"]?.GetValue<string>(),
            server["headers"] as JsonObject,
            timeout,
            server["credentialId"]?.GetValue<string>(),
            server["backoffPlan"] as JsonObject,
            (server["encryptedPaths"] as JsonArray)?.Select(p => p?.GetValue<string>() ?? "").Where(p => p.Length > 0).ToList() ?? []);
    }
}

/// <summary>
/// Resolves the server a message goes to, in Vapi's order: tool.server → assistant.server → phoneNumber.server →
/// org.server (legacy <c>serverUrl</c>/<c>serverUrlSecret</c> on the assistant count as assistant.server).
/// </summary>
public static class ServerTargetResolver
{
    public static ServerTarget? Resolve(JsonObject? tool, JsonObject assistant, JsonObject? phoneNumber, JsonObject? org) =>
        ServerTarget.From(tool?["server"] as JsonObject)
        ?? ServerTarget.From(assistant["server"] as JsonObject)
        ?? LegacyAssistantServer(assistant)
        ?? ServerTarget.From(phoneNumber?["server"] as JsonObject)
        ?? LegacyAssistantServer(phoneNumber)
        ?? ServerTarget.From(org?["server"] as JsonObject);

    private static ServerTarget? LegacyAssistantServer(JsonObject? owner)
    {
        if (owner?["serverUrl"] is not JsonValue url || !url.TryGetValue<string>(out var text) || text.Length == 0) return null;
        return ServerTarget.From(new JsonObject { ["url"] = text, ["secret"] = owner["serverUrlSecret"]?.DeepClone() });
    }
}
