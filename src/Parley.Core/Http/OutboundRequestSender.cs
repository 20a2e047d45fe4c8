using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Http;

/// <summary>
/// Sends outbound JSON requests with secret, headers and credential auth, a timeout per attempt and the
/// backoffPlan's retries. Network and HTTP failures come back as values; only the caller's cancellation throws.
/// Bodies and secrets are never logged or echoed in failure reasons.
/// </summary>
public sealed class OutboundRequestSender : IOutboundRequestSender
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");


    private readonly HttpClient _http;
    private readonly ICredentialStore _credentials;
    private readonly TimeProvider _time;
    private readonly CredentialAuthenticator _authenticator;

    /// <param name="http">A client whose own Timeout is not relied on; each attempt gets <see cref="OutboundRequest.Timeout"/>.</param>
    public OutboundRequestSender(HttpClient http, ICredentialStore credentials, TimeProvider time)
    {
        _http = http;
        _credentials = credentials;
        _time = time;
        _authenticator = new CredentialAuthenticator(http, time);
    }

    public async Task<OutboundResult> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return new OutboundFailure("The URL is not an absolute http(s) URL.", false) { Attempts = 0, Retryable = false };

        JsonObject? credential = null;
        if (!string.IsNullOrEmpty(request.CredentialId))
        {
            credential = await _credentials.GetAsync(request.CredentialId, cancellationToken).ConfigureAwait(false);
            if (credential is null)
                return new OutboundFailure($"Credential '{request.CredentialId}' was not found.", false) { Attempts = 0, Retryable = false };
        }

        string? bodyText;
        try
        {
            // Written as Node's JSON.stringify would, as receivers built for Vapi expect (JsonText).
            bodyText = BodyPathEncryptor.Encrypt(request.Body, request.EncryptedPaths, credential) is { } body ? Parley.Core.Json.JsonText.Of(body) : null;
        }
        catch (OutboundAuthException e)
        {
            return new OutboundFailure(e.Message, false) { Attempts = 0, Retryable = false };
        }

        var policy = BackoffPolicy.From(request.BackoffPlan);
        for (var attempt = 1; ; attempt++)
        {
            var result = await AttemptAsync(request, bodyText, credential, cancellationToken).ConfigureAwait(false);
            if (attempt > policy.MaxRetries || !policy.ShouldRetry(result)) return result with { Attempts = attempt };

            var delay = BackoffPolicy.RetryAfter(result, _time.GetUtcNow()) ?? policy.DelayBefore(attempt);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<OutboundResult> AttemptAsync(
        OutboundRequest request, string? bodyText, JsonObject? credential, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(request.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await SendOnceAsync(request, bodyText, credential, false, linked.Token).ConfigureAwait(false);
            // A cached oauth2 token can be revoked early; one fresh token is worth one more try.
            if (result is OutboundResponse { StatusCode: 401 } &&
                CredentialAuthenticator.UsesOAuth2Token(credential, HasAuthorization(request.Headers)))
            {
                result = await SendOnceAsync(request, bodyText, credential, true, linked.Token).ConfigureAwait(false);
            }
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboundFailure($"No answer within {request.Timeout.TotalSeconds:0.###} s.", true);
        }
        catch (HttpRequestException e)
        {
            return new OutboundFailure($"Request failed ({e.HttpRequestError}): {e.InnerException?.Message ?? e.Message}", false);
        }
        catch (OutboundAuthException e)
        {
            return new OutboundFailure(e.Message, false) { Retryable = false };
        }
    }

    private async Task<OutboundResult> SendOnceAsync(
        OutboundRequest request, string? bodyText, JsonObject? credential, bool refreshToken, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Url);
        if (bodyText is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bodyText));
            message.Content.Headers.ContentType = Json;
        }

        var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Headers)
        {
            AddHeader(message, name, value);
            given.Add(name);
        }
        if (!string.IsNullOrEmpty(request.Secret) && !given.Contains("X-Vapi-Secret"))
        {
            AddHeader(message, "X-Vapi-Secret", request.Secret);
            given.Add("X-Vapi-Secret");
        }
        if (credential is not null)
        {
            var headers = await _authenticator.HeadersAsync(request.CredentialId!, credential, request.Method.Method, request.Url,
                bodyText ?? "", given.Contains("Authorization"), refreshToken, cancellationToken).ConfigureAwait(false);
            foreach (var (name, value) in headers)
                if (!given.Contains(name)) AddHeader(message, name, value);
        }

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var responseHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers) responseHeaders[name] = string.Join(", ", values);
        foreach (var (name, values) in response.Content.Headers) responseHeaders[name] = string.Join(", ", values);
        return new OutboundResponse((int)response.StatusCode, responseHeaders, text, ParseJson(text, response.Content.Headers.ContentType));
    }

    private static void AddHeader(HttpRequestMessage message, string name, string value)
    {
        if (!name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            // A name HTTP does not allow is dropped rather than failing the whole request.
            message.Headers.TryAddWithoutValidation(name, value);
            return;
        }
        // The length is the body's own; a stated one could only disagree with it.
        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) return;
        message.Content ??= new ByteArrayContent([]);
        message.Content.Headers.Remove(name);
        message.Content.Headers.TryAddWithoutValidation(name, value);
    }

    private static bool HasAuthorization(IReadOnlyDictionary<string, string> headers) =>
        headers.Keys.Any(name => name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));

    private static JsonNode? ParseJson(string text, MediaTypeHeaderValue? contentType)
    {
        var trimmed = text.AsSpan().TrimStart();
        var declaredJson = contentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (!declaredJson && (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '[')))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
