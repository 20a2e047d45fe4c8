using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Providers.Llm;

/// <summary>Turns an unsuccessful HTTP answer or a transport exception into a <see cref="ChatFailed"/> that names the provider.</summary>
public static class HttpFailures
{
    public static async Task<ChatFailed> FromResponseAsync(string provider, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string detail;
        try
        {
            detail = ExtractMessage(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            detail = "(no error body)";
        }
        var retryAfter = RetryAfter(response);
        var failure = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Permanent($"{provider} rejected the API key ({status}): {detail}"),
            HttpStatusCode.Forbidden => Permanent($"{provider} refused access with this API key ({status}): {detail}"),
            HttpStatusCode.TooManyRequests => Transient(
                $"{provider} rate-limited the request ({status}{(retryAfter is { } wait ? $", retry after {wait.TotalSeconds:0.#}s" : "")}): {detail}"),
            HttpStatusCode.RequestTimeout => Transient($"{provider} timed out the request ({status}): {detail}"),
            _ when status >= 500 => Transient($"{provider} server error ({status}): {detail}"),
            _ => Permanent($"{provider} rejected the request ({status}): {detail}"),
        };
        return failure with { RetryAfter = retryAfter };

        ChatFailed Permanent(string message) => new(ProviderFailureKind.Permanent, status, message);
        ChatFailed Transient(string message) => new(ProviderFailureKind.Transient, status, message);
    }

    public static ChatFailed MissingKey(string provider)
    {
        var article = "aeiou".Contains(provider[0]) ? "an" : "a";
        var variables = string.Join(" or ", EnvironmentProviderKeySource.VariablesFor(provider));
        return new(ProviderFailureKind.Permanent, null, $"no API key for provider {provider}: add {article} {provider} credential or set {variables}");
    }

    public static ChatFailed Timeout(string provider, TimeSpan timeout) =>
        new(ProviderFailureKind.Transient, null, $"{provider} sent no response within {timeout.TotalSeconds:0.###}s");

    public static ChatFailed Unreachable(string provider, Uri? uri, Exception e) =>
        new(ProviderFailureKind.Transient, null, $"could not reach {provider} at {uri?.GetLeftPart(UriPartial.Authority)}: {e.Message}");

    public static ChatFailed Dropped(string provider, Exception e) =>
        new(ProviderFailureKind.Transient, null, $"{provider} connection dropped mid-answer: {e.Message}");

    public static ChatFailed Malformed(string provider, string problem) =>
        new(ProviderFailureKind.Transient, null, $"{provider} sent a malformed stream: {problem}");

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date && response.Headers.Date is { } now) return date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero;
        return null;
    }

    /// <summary>Finds the human message in the usual error bodies: <c>{"error":{"message"}}</c>, <c>{"error":"..."}</c>, <c>{"message"}</c>.</summary>
    internal static string ExtractMessage(string body)
    {
        const int MaxLength = 500;
        if (string.IsNullOrWhiteSpace(body)) return "(no error body)";
        try
        {
            var node = JsonNode.Parse(body);
            var error = node?["error"];
            var message = error is JsonObject ? error["message"] : error ?? node?["message"];
            if (message is JsonValue value && value.TryGetValue<string>(out var text)) return Clip(text);
            if (message is not null) return Clip(message.ToJsonString());
        }
        catch (JsonException)
        {
        }
        return Clip(body.Trim());

        static string Clip(string s) => s.Length <= MaxLength ? s : s[..MaxLength] + "…";
    }
}
