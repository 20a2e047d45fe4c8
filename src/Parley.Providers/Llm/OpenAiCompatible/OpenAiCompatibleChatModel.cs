using System.Net.Http.Headers;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.OpenAiCompatible;

/// <summary>
/// A streaming chat model for any OpenAI Chat Completions endpoint (OpenAI, Groq, OpenRouter, Together, DeepInfra,
/// custom-llm servers, Ollama and other local servers). <see cref="ChatModelOptions.BaseUrl"/> must be set.
/// </summary>
public sealed class OpenAiCompatibleChatModel(ChatModelOptions options, HttpClient http, TimeProvider? time = null)
    : HttpChatModel(options, http, time ?? TimeProvider.System)
{
    public override ChatModelCapabilities Capabilities { get; } = new(ToolCalls: true, ParallelToolCalls: true, Streaming: true);

    /// <summary>The URL requests go to: the base URL plus <c>/chat/completions</c>, unless it already ends that way.</summary>
    public Uri Endpoint { get; } = EndpointFor(options.BaseUrl ?? throw new ArgumentException("BaseUrl is required", nameof(options)));

    public static Uri EndpointFor(string baseUrl)
    {
        var trimmed = baseUrl.TrimEnd('/');
        return new Uri(trimmed.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase) ? trimmed : trimmed + "/chat/completions");
    }

    protected override HttpRequestMessage BuildRequest(ChatRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = JsonContent(OpenAiRequestBody.Build(request).ToJsonString()),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        foreach (var (name, value) in Options.Headers)
        {
            // model.headers may add anything except credentials: Authorization comes from the key only.
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content.Headers.TryAddWithoutValidation(name, value);
        }
        if (!string.IsNullOrEmpty(Options.ApiKey))
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.ApiKey);
        return message;
    }

    protected override IChatStreamDecoder CreateDecoder() => new OpenAiStreamDecoder(Options.Provider);
}
