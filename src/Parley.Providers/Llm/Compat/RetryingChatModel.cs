using System.Runtime.CompilerServices;
using Parley.Core.Llm;

namespace Parley.Providers.Llm.Compat;

/// <summary>
/// Retries a model whose stream fails transiently (rate limit, 5xx, timeout) before it produced anything; once
/// text has streamed, a failure is reported rather than retried, so no answer is ever duplicated.
/// </summary>
public sealed class RetryingChatModel(IChatModel inner, TimeProvider clock, int maxAttempts = 3) : IChatModel
{
    public ChatModelCapabilities Capabilities => inner.Capabilities;

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var produced = false;
            ChatFailed? retryable = null;
            await foreach (var delta in inner.StreamAsync(request, cancellationToken))
            {
                if (!produced && delta is ChatFailed { Kind: ProviderFailureKind.Transient } failure && attempt < maxAttempts)
                {
                    retryable = failure;
                    break;
                }
                produced = true;
                yield return delta;
            }
            if (retryable is null) yield break;
            // 250 ms, then 500 ms: short, because a caller is waiting on the line.
            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), clock, cancellationToken);
        }
    }
}
