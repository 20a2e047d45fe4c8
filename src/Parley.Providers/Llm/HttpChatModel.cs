using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Parley.Core.Llm;

namespace Parley.Providers.Llm;

/// <summary>
/// The HTTP side shared by the streaming adapters: send, first-byte timeout on the injected clock, error mapping,
/// SSE reading. Subclasses own only the protocol (request body and event decoding).
/// </summary>
public abstract class HttpChatModel(ChatModelOptions options, HttpClient http, TimeProvider time) : IChatModel
{
    protected ChatModelOptions Options { get; } = options;

    public abstract ChatModelCapabilities Capabilities { get; }

    protected abstract HttpRequestMessage BuildRequest(ChatRequest request);

    protected abstract IChatStreamDecoder CreateDecoder();

    protected static StringContent JsonContent(string json) =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var provider = Options.Provider;
        using var firstByte = new CancellationTokenSource(Options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, firstByte.Token);
        var token = linked.Token;

        using var httpRequest = BuildRequest(request);
        var (response, failure) = await SendAsync(httpRequest, token, cancellationToken);
        if (failure is not null)
        {
            yield return failure;
            yield break;
        }

        using (response)
        {
            if (!response!.IsSuccessStatusCode)
            {
                yield return await Guard(() => HttpFailures.FromResponseAsync(provider, response, token), cancellationToken);
                yield break;
            }

            var decoder = CreateDecoder();
            var output = new List<ChatDelta>();
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                // Some custom-llm servers answer with one chat.completion JSON instead of an event stream.
                var (body, readFailure) = await ReadWholeAsync(response, token, cancellationToken);
                if (readFailure is not null) yield return readFailure;
                else decoder.DecodeWhole(body!, output);
                foreach (var delta in output) yield return delta;
                yield break;
            }

            var (stream, openFailure) = await OpenAsync(response, token, cancellationToken);
            if (openFailure is not null)
            {
                yield return openFailure;
                yield break;
            }
            await using var _ = stream;
            var reader = new SseReader(stream!);
            var timing = true;
            while (true)
            {
                var (sse, readFailure) = await NextAsync(reader, token, cancellationToken);
                if (timing && reader.StartedReading)
                {
                    firstByte.CancelAfter(Timeout.InfiniteTimeSpan);
                    timing = false;
                }
                if (readFailure is not null)
                {
                    yield return readFailure;
                    yield break;
                }
                if (sse is null)
                {
                    if (!reader.SawEvent && reader.UnframedText.TrimStart().StartsWith('{'))
                    {
                        // A whole JSON answer sent without a JSON content type.
                        decoder.DecodeWhole(reader.UnframedText, output);
                        foreach (var delta in output) yield return delta;
                    }
                    else
                    {
                        yield return decoder.Finish();
                    }
                    yield break;
                }
                output.Clear();
                decoder.Decode(sse.Value, output);
                foreach (var delta in output)
                {
                    yield return delta;
                    if (delta is ChatCompleted or ChatFailed) yield break;
                }
            }
        }
    }

    private async Task<(HttpResponseMessage?, ChatFailed?)> SendAsync(HttpRequestMessage request, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return (await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token), null);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return (null, HttpFailures.Timeout(Options.Provider, Options.Timeout));
        }
        catch (HttpRequestException e)
        {
            return (null, HttpFailures.Unreachable(Options.Provider, request.RequestUri, e));
        }
    }

    private async Task<(Stream?, ChatFailed?)> OpenAsync(HttpResponseMessage response, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return (await response.Content.ReadAsStreamAsync(token), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !callerToken.IsCancellationRequested)
        {
            return (null, Classify(e));
        }
    }

    private async Task<(string?, ChatFailed?)> ReadWholeAsync(HttpResponseMessage response, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return (await response.Content.ReadAsStringAsync(token), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !callerToken.IsCancellationRequested)
        {
            return (null, Classify(e));
        }
    }

    private async Task<(SseEvent?, ChatFailed?)> NextAsync(SseReader reader, CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return (await reader.ReadAsync(token), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !callerToken.IsCancellationRequested)
        {
            return (null, Classify(e));
        }
    }

    private ChatFailed Classify(Exception e) => e switch
    {
        OperationCanceledException => HttpFailures.Timeout(Options.Provider, Options.Timeout),
        _ => HttpFailures.Dropped(Options.Provider, e),
    };

    private async Task<ChatFailed> Guard(Func<Task<ChatFailed>> read, CancellationToken callerToken)
    {
        try
        {
            return await read();
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return HttpFailures.Timeout(Options.Provider, Options.Timeout);
        }
    }
}
