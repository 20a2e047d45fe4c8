using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

using Parley.Core.Json;

namespace Parley.Core.Http;

/// <summary>Signs a request body with an HMAC authenticationPlan (payload format, algorithm, encoding, headers).</summary>
internal static class HmacSigner
{
    /// <summary>The headers to add: signature, optional timestamp and optional message id.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(
        JsonObject plan, string method, string url, string body, DateTimeOffset now)
    {
        var includeTimestamp = JsonRead.Bool(plan["includeTimestamp"]) ?? true;
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var messageId = "msg_" + Guid.NewGuid().ToString("N");
        var format = JsonRead.String(plan["payloadFormat"]) ?? (includeTimestamp ? "{timestamp}.{body}" : "{body}");
        var payload = Fill(format, body, timestamp, method.ToUpperInvariant(), url, messageId);

        var key = SecretKey(plan);
        var payloadBytes = Encoding.UTF8.GetBytes(payload);
        var algorithm = JsonRead.String(plan["algorithm"])?.ToLowerInvariant() ?? "sha256";
        var mac = algorithm switch
        {
            "sha512" => HMACSHA512.HashData(key, payloadBytes),
            "sha1" => HMACSHA1.HashData(key, payloadBytes),
            "sha256" => HMACSHA256.HashData(key, payloadBytes),
            _ => throw new OutboundAuthException($"Unsupported HMAC algorithm '{algorithm}'."),
        };
        var encoded = string.Equals(JsonRead.String(plan["signatureEncoding"]), "base64", StringComparison.OrdinalIgnoreCase)
            ? Convert.ToBase64String(mac)
            : Convert.ToHexStringLower(mac);

        var headers = new List<KeyValuePair<string, string>>
        {
            new(JsonRead.String(plan["signatureHeader"]) ?? "x-signature", (JsonRead.String(plan["signaturePrefix"]) ?? "") + encoded),
        };
        if (includeTimestamp) headers.Add(new(JsonRead.String(plan["timestampHeader"]) ?? "x-timestamp", timestamp));
        if (JsonRead.String(plan["messageIdHeader"]) is { Length: > 0 } idHeader) headers.Add(new(idHeader, messageId));
        return headers;
    }

    private static byte[] SecretKey(JsonObject plan)
    {
        var secret = JsonRead.String(plan["secretKey"]) ?? throw new OutboundAuthException("The HMAC plan has no secretKey.");
        if (JsonRead.Bool(plan["secretIsBase64"]) != true) return Encoding.UTF8.GetBytes(secret);
        // Svix hands out secrets as "whsec_<base64>"; the prefix is not part of the key.
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new OutboundAuthException("The HMAC secretKey is marked base64 but is not valid base64.");
        }
    }

    private static string Fill(string format, string body, string timestamp, string method, string url, string messageId)
    {
        var builder = new StringBuilder(format.Length + body.Length);
        var position = 0;
        while (position < format.Length)
        {
            var open = format.IndexOf('{', position);
            var close = open < 0 ? -1 : format.IndexOf('}', open);
            if (close < 0)
            {
                builder.Append(format, position, format.Length - position);
                break;
            }
            builder.Append(format, position, open - position);
            var name = format[(open + 1)..close];
            string? value = name switch
            {
                "body" => body,
                "timestamp" => timestamp,
                "method" => method,
                "url" => url,
                "svix-id" => messageId,
                _ => null,
            };
            if (value is null)
            {
                // Not a placeholder: keep the brace and continue after it, so "{" inside the text survives.
                builder.Append('{');
                position = open + 1;
            }
            else
            {
                builder.Append(value);
                position = close + 1;
            }
        }
        return builder.ToString();
    }
}
