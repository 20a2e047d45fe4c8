namespace Parley.Core.Conversations;

/// <summary>Waiting on a completion that a token may call off.</summary>
public static class CompletionWaiting
{
    /// <summary>
    /// Waits until <paramref name="completion"/> completes, or cancels it when <paramref name="cancellationToken"/> is.
    /// Not Task.WaitAsync: its own continuation resumes on the thread pool, which would take a simulated call off its
    /// single timeline; this one resumes where the caller awaited.
    /// </summary>
    public static async Task WaitOrCancelAsync(this TaskCompletionSource completion, CancellationToken cancellationToken)
    {
        await using var stop = cancellationToken.Register(static c => ((TaskCompletionSource)c!).TrySetCanceled(), completion);
        await completion.Task;
    }
}
