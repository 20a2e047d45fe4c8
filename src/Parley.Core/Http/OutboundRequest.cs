using System.Text.Json.Nodes;

namespace Parley.Core.Http;

/// <summary>
/// One HTTP request Parley makes to a user's system (a server message, an apiRequest tool call), with the
/// authentication, timeout and retry settings that came with it.
/// </summary>
public sealed record OutboundRequest
{
    public required HttpMethod Method { get; init; }
    public required string Url { get; init; }

    /// <summary>Headers after templating; an Authorization header here wins over the credential's.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>JSON body, or null for none (GET/DELETE without body).</summary>
    public JsonNode? Body { get; init; }

    /// <summary>Legacy <c>server.secret</c>: sent as <c>X-Vapi-Secret</c>.</summary>
    public string? Secret { get; init; }

    /// <summary>A credential whose authenticationPlan (bearer, oauth2, hmac) signs or authorises the request.</summary>
    public string? CredentialId { get; init; }

    /// <summary>Body paths to encrypt with the credential's encryptionPlan.</summary>
    public IReadOnlyList<string> EncryptedPaths { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Vapi's backoffPlan <c>{type, maxRetries, baseDelaySeconds, excludedStatusCodes}</c>; null = no retries.</summary>
    public JsonObject? BackoffPlan { get; init; }
}

/// <summary>How an outbound request ended.</summary>
public abstract record OutboundResult
{
    /// <summary>How many attempts were made (1 = no retries).</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>The server answered; <see cref="Body"/> is parsed JSON when the answer was JSON, else null.</summary>
public sealed record OutboundResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Text, JsonNode? Body) : OutboundResult
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>No answer: connection refused, DNS failure, timeout, or an authentication step that failed.</summary>
public sealed record OutboundFailure(string Reason, bool TimedOut) : OutboundResult
{
    /// <summary>False when retrying cannot help (unknown credential, token endpoint refused, bad encryption key).</summary>
    public bool Retryable { get; init; } = true;
}

/// <summary>Sends outbound requests with auth, timeout and backoff; never throws for network or HTTP failures.</summary>
public interface IOutboundRequestSender
{
    Task<OutboundResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken);
}
