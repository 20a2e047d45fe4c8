using Parley.Core.Llm;

namespace Parley.Providers.Llm.Anthropic;

/// <summary>A streaming chat model over Anthropic's Messages API (<c>POST {baseUrl}/v1/messages</c>).</summary>
public sealed class AnthropicChatModel(ChatModelOptions options, HttpClient http, TimeProvider? time = null)
    : HttpChatModel(options, http, time ?? TimeProvider.System)
{
    public const string DefaultBaseUrl = "https://api.anthropic.com";
    public const string ApiVersion = "2023-06-01";

    public override ChatModelCapabilities Capabilities { get; } = new(ToolCalls: true, ParallelToolCalls: true, Streaming: true);

    public Uri Endpoint { get; } = new((options.BaseUrl ?? DefaultBaseUrl).TrimEnd('/') + "/v1/messages");

    protected override HttpRequestMessage BuildRequest(ChatRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = JsonContent(AnthropicRequestBody.Build(request).ToJsonString()),
        };
        message.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        foreach (var (name, value) in Options.Headers)
        {
            if (name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)) continue;
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (!string.IsNullOrEmpty(Options.ApiKey)) message.Headers.TryAddWithoutValidation("x-api-key", Options.ApiKey);
        return message;
    }

    protected override IChatStreamDecoder CreateDecoder() => new AnthropicStreamDecoder(Options.Provider);
}
