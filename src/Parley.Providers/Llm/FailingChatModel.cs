using System.Runtime.CompilerServices;
using Parley.Core.Llm;

namespace Parley.Providers.Llm;

/// <summary>A model that can never work (missing key, missing URL): every request ends in the same failure, without network.</summary>
public sealed class FailingChatModel(ChatFailed failure) : IChatModel
{
    public ChatFailed Failure { get; } = failure;

    public ChatModelCapabilities Capabilities { get; } = new(false, false, true);

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        yield return Failure;
    }
}
