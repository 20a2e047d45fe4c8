using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Parley.Providers.Speech.Cartesia;

namespace Parley.Server.Calls;

/// <summary>What a provider said of a key: accepted, rejected, or unknown (could not ask).</summary>
public sealed record KeyCheckResult(bool? Valid, string Message);

/// <summary>Asks a provider whether it accepts an API key, with one cheap authenticated read.</summary>
public interface IProviderKeyChecker
{
    /// <summary>Null when Parley has no way to check this provider's keys.</summary>
    Task<KeyCheckResult?> CheckAsync(string provider, string apiKey, CancellationToken cancellationToken);
}

/// <summary>
/// Checks speech provider keys (and OpenAI's, which also speaks) against each provider's own "who am I" style endpoint: 2xx accepts,
/// 401/403 rejects, anything else (down, slow, odd answer) is unknown and never blocks a call. Answers are kept for
/// five minutes per key so call starts do not hammer providers; keys are kept only as hashes.
/// </summary>
public sealed class ProviderKeyChecker(IHttpClientFactory http, CloudSpeechProviders cloud, TimeProvider clock) : IProviderKeyChecker
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, (KeyCheckResult Result, DateTimeOffset At)> _cache = new();

    public async Task<KeyCheckResult?> CheckAsync(string provider, string apiKey, CancellationToken cancellationToken)
    {
        if (Probe(provider, apiKey) is not { } request) return null;
        var cacheKey = provider + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        if (_cache.TryGetValue(cacheKey, out var cached) && clock.GetUtcNow() - cached.At < CacheFor) return cached.Result;

        KeyCheckResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await http.CreateClient(SpeechProviderCatalog.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            result = response.IsSuccessStatusCode ? new KeyCheckResult(true, $"{provider} accepted the API key")
                : status is 401 or 403 ? new KeyCheckResult(false, $"{provider} rejected the API key (HTTP {status} from {request.RequestUri!.GetLeftPart(UriPartial.Path)})")
                : new KeyCheckResult(null, $"could not check the {provider} key: HTTP {status} from {request.RequestUri!.GetLeftPart(UriPartial.Path)}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            result = new KeyCheckResult(null, $"could not check the {provider} key: {(e is OperationCanceledException ? "no answer within " + Timeout.TotalSeconds + " s" : e.Message)}");
        }
        finally
        {
            request.Dispose();
        }
        // Unknown answers are not kept: the next call start asks again.
        if (result.Valid is not null) _cache[cacheKey] = (result, clock.GetUtcNow());
        return result;
    }

    private HttpRequestMessage? Probe(string provider, string key)
    {
        if (!cloud.Knows(provider)) return null;
        var (path, headers) = provider switch
        {
            "openai" => ("/models", new[] { ("Authorization", "Bearer " + key) }),
            "deepgram" => ("/v1/projects", [("Authorization", "Token " + key)]),
            "11labs" => ("/v1/user", [("xi-api-key", key)]),
            _ => ("/voices", [("X-API-Key", key), ("Cartesia-Version", new CartesiaOptions().ApiVersion)]),
        };
        var request = new HttpRequestMessage(HttpMethod.Get, cloud.BaseUrl(provider) + path);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
