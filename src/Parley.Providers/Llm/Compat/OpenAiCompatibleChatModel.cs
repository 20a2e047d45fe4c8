using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.Compat;

/// <summary>
/// Streams an OpenAI chat-completions answer (SSE <c>chat.completion.chunk</c>s, tool-call deltas, usage) and
/// turns every failure — refused connection, timeout, HTTP error, malformed stream — into a final
/// <see cref="ChatFailed"/> instead of an exception. Also accepts a plain JSON <c>chat.completion</c> answer,
/// which some custom-llm servers send.
/// </summary>
public sealed class OpenAiCompatibleChatModel(HttpClient http, ChatModelOptions options) : IChatModel
{
    public ChatModelCapabilities Capabilities { get; } = new(ToolCalls: true, ParallelToolCalls: true, Streaming: true);

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ChatDelta>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = ProduceAsync(request, channel.Writer, cancellationToken);
        await foreach (var delta in channel.Reader.ReadAllAsync(cancellationToken)) yield return delta;
        await producer;
    }

    private async Task ProduceAsync(ChatRequest request, ChannelWriter<ChatDelta> output, CancellationToken cancellationToken)
    {
        try
        {
            await ProduceCoreAsync(request, output, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller stopped listening (barge-in, end of call): end quietly.
        }
        catch (OperationCanceledException)
        {
            await output.WriteAsync(new ChatFailed(ProviderFailureKind.Transient, null,
                $"{options.Provider} did not answer within {options.Timeout.TotalSeconds:0.#} seconds"), CancellationToken.None);
        }
        catch (HttpRequestException e)
        {
            await output.WriteAsync(new ChatFailed(ProviderFailureKind.Transient, null, $"{options.Provider} could not be reached: {e.Message}"), CancellationToken.None);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            await output.WriteAsync(new ChatFailed(ProviderFailureKind.Transient, null, $"{options.Provider} sent a malformed stream: {e.Message}"), CancellationToken.None);
        }
        finally
        {
            output.TryComplete();
        }
    }

    private async Task ProduceCoreAsync(ChatRequest request, ChannelWriter<ChatDelta> output, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint())
        {
            Content = new StringContent(OpenAiRequestBody.Build(request).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in options.Headers)
            if (!name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation(name, value);
        if (options.ApiKey is { Length: > 0 } key) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        message.Headers.Accept.ParseAdd("text/event-stream");

        // The timeout covers the wait for the first byte, not the whole answer.
        using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstByte.CancelAfter(options.Timeout);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, firstByte.Token);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            await output.WriteAsync(Failure(response.StatusCode, text, response.Headers.RetryAfter), cancellationToken);
            return;
        }

        var stream = await response.Content.ReadAsStreamAsync(firstByte.Token);
        firstByte.CancelAfter(Timeout.InfiniteTimeSpan);
        var reader = new OpenAiChunkReader(options.Provider);
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            var whole = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
            foreach (var delta in reader.Completion(whole as JsonObject)) await output.WriteAsync(delta, cancellationToken);
            return;
        }

        using var lines = new StreamReader(stream, Encoding.UTF8);
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;
            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]")) break;
            foreach (var delta in reader.Chunk(JsonNode.Parse(data.ToString()) as JsonObject))
            {
                await output.WriteAsync(delta, cancellationToken);
                if (delta is ChatFailed) return;
            }
        }
        await output.WriteAsync(reader.Finish(), cancellationToken);
    }

    private string Endpoint()
    {
        var baseUrl = options.BaseUrl!.TrimEnd('/');
        return baseUrl.EndsWith("/chat/completions", StringComparison.OrdinalIgnoreCase) ? baseUrl : baseUrl + "/chat/completions";
    }

    private ChatFailed Failure(HttpStatusCode status, string body, RetryConditionHeaderValue? retryAfter)
    {
        var code = (int)status;
        var detail = ErrorMessage(body);
        var problem = code switch
        {
            401 => "rejected the API key",
            403 => "refused access to the model",
            404 => "does not know this model or endpoint",
            429 => "is rate limiting requests",
            >= 500 => "had a server error",
            _ => "rejected the request",
        };
        var retry = retryAfter?.Delta is { } delta ? $" (retry after {delta.TotalSeconds:0}s)" : "";
        var kind = code is 408 or 409 or 429 or >= 500 ? ProviderFailureKind.Transient : ProviderFailureKind.Permanent;
        return new ChatFailed(kind, code, $"{options.Provider} {problem} ({code}){retry}: {detail}");
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            var json = JsonNode.Parse(body);
            if (json?["error"]?["message"] is JsonValue m) return m.ToString();
            if (json?["error"] is JsonValue e) return e.ToString();
            if (json?["message"] is JsonValue t) return t.ToString();
        }
        catch (JsonException)
        {
            // Not JSON: show the text.
        }
        return body.Length <= 300 ? body : body[..300] + "…";
    }
}
