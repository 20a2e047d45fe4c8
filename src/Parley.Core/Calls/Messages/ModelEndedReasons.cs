namespace Parley.Core.Calls.Messages;

/// <summary>
/// Vapi's <c>endedReason</c> for a call whose model failed: <c>pipeline-error-{provider}-{status}</c> for the statuses
/// Vapi names, <c>pipeline-error-{provider}-llm-failed</c> otherwise. Only values in Vapi's enum are returned, so webhook
/// servers (and <c>call.ending</c> hook filters) that switch on them keep working.
/// </summary>
public static class ModelEndedReasons
{
    // Every LLM provider in Vapi's enum has the same set of reasons, spelled with the provider's own name.
    private static readonly HashSet<string> Providers = new(StringComparer.OrdinalIgnoreCase)
    {
        "vapi", "openai", "azure-openai", "google", "xai", "baseten", "mistral", "minimax", "inflection-ai", "deep-seek",
        "groq", "cerebras", "anthropic", "anthropic-bedrock", "anthropic-vertex", "together-ai", "anyscale", "openrouter",
        "perplexity-ai", "deepinfra", "runpod", "custom-llm",
    };

    /// <summary>The endedReason for a call whose model, from <paramref name="provider"/>, failed with <paramref name="statusCode"/> (null: no HTTP status).</summary>
    public static string ModelFailed(string? provider, int? statusCode)
    {
        var name = provider is not null && Providers.Contains(provider) ? provider.ToLowerInvariant() : "vapi";
        var status = statusCode switch
        {
            400 => "400-bad-request-validation-failed",
            401 => "401-unauthorized",
            403 => "403-model-access-denied",
            429 => "429-exceeded-quota",
            503 => "503-server-overloaded-error",
            >= 500 and < 600 => "500-server-error",
            _ => "llm-failed",
        };
        return $"pipeline-error-{name}-{status}";
    }
}
