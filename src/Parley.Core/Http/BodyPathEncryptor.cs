using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Parley.Core.Json;

namespace Parley.Core.Http;

/// <summary>Encrypts the values at dotted body paths with a credential's public-key encryptionPlan (RSA-OAEP-SHA256, base64).</summary>
internal static class BodyPathEncryptor
{
    /// <summary>A copy of the body with each path encrypted; the body itself when there is no plan or no path.</summary>
    public static JsonNode? Encrypt(JsonNode? body, IReadOnlyList<string> paths, JsonObject? credential)
    {
        if (body is null || paths.Count == 0) return body;
        if (credential?["encryptionPlan"] is not JsonObject plan) return body;
        if (!string.Equals(JsonRead.String(plan["type"]), "public-key", StringComparison.OrdinalIgnoreCase)) return body;
        var pem = plan["publicKey"] switch
        {
            JsonObject key => JsonRead.String(key["pem"]),
            var node => JsonRead.String(node),
        };
        if (string.IsNullOrWhiteSpace(pem)) throw new OutboundAuthException("The encryptionPlan has no publicKey.pem.");

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            throw new OutboundAuthException("The encryptionPlan public key is not a valid PEM key.");
        }

        var copy = body.DeepClone();
        foreach (var path in paths)
        {
            var (parent, last) = Locate(copy, path);
            if (parent is null) continue;
            var plain = JsonRead.Text(Get(parent, last));
            if (plain is null) continue;
            var cipher = Convert.ToBase64String(rsa.Encrypt(Encoding.UTF8.GetBytes(plain), RSAEncryptionPadding.OaepSHA256));
            Set(parent, last, cipher);
        }
        return copy;
    }

    private static (JsonNode? Parent, string Last) Locate(JsonNode root, string path)
    {
        var segments = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) return (null, "");
        JsonNode? node = root;
        foreach (var segment in segments[..^1])
        {
            node = node is null ? null : Get(node, segment);
            if (node is null) return (null, "");
        }
        return (node, segments[^1]);
    }

    private static JsonNode? Get(JsonNode node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
        _ => null,
    };

    private static void Set(JsonNode node, string segment, string value)
    {
        if (node is JsonObject obj) obj[segment] = value;
        else if (node is JsonArray array && int.TryParse(segment, out var index)) array[index] = value;
    }
}
