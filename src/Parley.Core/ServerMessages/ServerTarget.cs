using System.Text.Json.Nodes;
using Parley.Core.Json;

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
        var url = JsonRead.String(server?["url"]);
        if (server is null || string.IsNullOrWhiteSpace(url)) return null;
        var timeout = JsonRead.Number(server["timeoutSeconds"]) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : DefaultTimeout;
        return new ServerTarget(
            url,
            JsonRead.String(server["secret"]),
            server["headers"] as JsonObject,
            timeout,
            JsonRead.String(server["credentialId"]),
            server["backoffPlan"] as JsonObject,
            (server["encryptedPaths"] as JsonArray)?.Select(p => JsonRead.String(p) ?? "").Where(p => p.Length > 0).ToList() ?? []);
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
        if (owner is null || JsonRead.String(owner["serverUrl"]) is not { Length: > 0 } text) return null;
        return ServerTarget.From(new JsonObject { ["url"] = text, ["secret"] = owner["serverUrlSecret"]?.DeepClone() });
    }
}
