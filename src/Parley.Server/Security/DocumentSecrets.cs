using System.Text.Json.Nodes;

namespace Parley.Server.Security;

/// <summary>
/// Finds the secrets inside resource bodies and encrypts, decrypts or masks them.
/// Two kinds exist: server secrets (<c>server.secret</c>, legacy <c>serverUrlSecret</c>), which Vapi returns to the
/// owning org, and write-only secrets (credential keys, telephony tokens), which are never returned in plaintext.
/// </summary>
public sealed class DocumentSecrets(SecretProtector protector)
{
    /// <summary>Property names that hold write-only secrets in credentials and phone numbers.</summary>
    private static readonly HashSet<string> WriteOnlyNames = new(StringComparer.Ordinal)
    {
        "apiKey", "apiSecret", "authToken", "token", "clientSecret", "secretKey", "password", "authPassword",
        "twilioAuthToken", "twilioApiSecret", "privateKey", "secretAccessKey", "serviceAccountKey", "accessToken",
        "refreshToken", "jwtSecret", "webhookSecret", "signingSecret", "awsSecretAccessKey", "sessionToken",
    };

    /// <summary>Encrypts server secrets anywhere in the body (assistants, tools, squads, org settings...).</summary>
    public void ProtectServerSecrets(JsonNode? node) => Walk(node, parentKey: null, protectWriteOnly: false);

    /// <summary>Encrypts server secrets and every write-only secret (credentials, phone numbers).</summary>
    public void ProtectAllSecrets(JsonNode? node) => Walk(node, parentKey: null, protectWriteOnly: true);

    /// <summary>
    /// Prepares a stored body for the owning org: server secrets decrypted, write-only secrets masked.
    /// Works on a copy so the stored body is untouched.
    /// </summary>
    public JsonObject ForResponse(JsonObject stored)
    {
        var copy = (JsonObject)stored.DeepClone();
        Reveal(copy, parentKey: null);
        return copy;
    }

    /// <summary>A copy with every secret decrypted, for the server's own use (calling providers, tools).</summary>
    public JsonObject Decrypted(JsonObject stored)
    {
        var copy = (JsonObject)stored.DeepClone();
        DecryptAll(copy);
        return copy;
    }

    public string? Unprotect(string value) => protector.Unprotect(value);

    private void Walk(JsonNode? node, string? parentKey, bool protectWriteOnly)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
                    {
                        if (IsServerSecret(parentKey, key) || (protectWriteOnly && WriteOnlyNames.Contains(key)))
                            obj[key] = protector.Protect(text);
                    }
                    else
                    {
                        Walk(child, key, protectWriteOnly);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array) Walk(item, parentKey, protectWriteOnly);
                break;
        }
    }

    private void Reveal(JsonNode? node, string? parentKey)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && SecretProtector.IsProtected(text))
                    {
                        var plain = protector.Unprotect(text);
                        obj[key] = plain is not null && IsServerSecret(parentKey, key) ? plain : Mask(plain ?? "");
                    }
                    else
                        Reveal(child, key);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Reveal(item, parentKey);
                break;
        }
    }

    private void DecryptAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && SecretProtector.IsProtected(text))
                        obj[key] = protector.Unprotect(text);
                    else
                        DecryptAll(child);
                }
                break;
            case JsonArray array:
                foreach (var item in array) DecryptAll(item);
                break;
        }
    }

    private static bool IsServerSecret(string? parentKey, string key) =>
        (key == "secret" && parentKey is "server" or "fallbackServer") || key == "serverUrlSecret";

    /// <summary>Shows only the last four characters of long secrets so users can tell keys apart.</summary>
    public static string Mask(string secret) =>
        secret.Length >= 16 ? new string('*', 8) + secret[^4..] : new string('*', 8);
}
