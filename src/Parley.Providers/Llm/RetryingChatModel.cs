using System.Runtime.CompilerServices;
using Parley.Core.Llm;
using Polly;
using Polly.Retry;

namespace Parley.Providers.Llm;

/// <summary>
/// Retries a request whose very first delta is a transient failure. Once anything has been yielded the caller
/// may already have spoken it, so a later failure is reported as is.
/// </summary>
public sealed class RetryingChatModel : IChatModel
{
    private readonly IChatModel _inner;
    private readonly ResiliencePipeline<Attempt> _pipeline;

    public RetryingChatModel(IChatModel inner, TimeProvider time, int maxAttempts, TimeSpan delay, TimeSpan maxDelay)
    {
        _inner = inner;
        var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = time };
        _pipeline = builder.AddRetry(new RetryStrategyOptions<Attempt>
        {
            MaxRetryAttempts = maxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = delay,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result?.First is ChatFailed { Kind: ProviderFailureKind.Transient } failed
                && (failed.RetryAfter is null || failed.RetryAfter <= maxDelay)),
            // The failed attempt's stream is parked after its ChatFailed; close it so its HTTP response is released.
            OnRetry = args => args.Outcome.Result?.Rest.DisposeAsync() ?? ValueTask.CompletedTask,
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result?.First is ChatFailed { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
        }).Build();
    }

    public ChatModelCapabilities Capabilities => _inner.Capabilities;

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var attempt = await _pipeline.ExecuteAsync(
            static async (state, _) => await Attempt.StartAsync(state.Inner, state.Request, state.Token),
            (Inner: _inner, Request: request, Token: cancellationToken),
            cancellationToken);
        await using var rest = attempt.Rest;
        if (attempt.First is null) yield break;
        yield return attempt.First;
        while (await rest.MoveNextAsync()) yield return rest.Current;
    }

    private sealed record Attempt(IAsyncEnumerator<ChatDelta> Rest, ChatDelta? First)
    {
        public static async ValueTask<Attempt> StartAsync(IChatModel model, ChatRequest request, CancellationToken token)
        {
            var enumerator = model.StreamAsync(request, token).GetAsyncEnumerator(token);
            try
            {
                return new Attempt(enumerator, await enumerator.MoveNextAsync() ? enumerator.Current : null);
            }
            catch
            {
                await enumerator.DisposeAsync();
                throw;
            }
        }
    }
}
