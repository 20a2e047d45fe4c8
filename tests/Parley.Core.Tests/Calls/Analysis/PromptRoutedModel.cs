using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Calls.Analysis;

/// <summary>
/// A fake chat model for analysis tests: the analyzer asks its parts concurrently, so answers are chosen by what the
/// prompt says (not by arrival order), and every request is recorded for assertions on the prompt.
/// </summary>
public sealed class PromptRoutedModel(TimeProvider? clock = null) : IChatModel
{
    private readonly List<(string Marker, Func<IReadOnlyList<ChatDelta>> Answer, TimeSpan Delay)> _routes = [];
    private readonly ConcurrentQueue<ChatRequest> _requests = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public ChatModelCapabilities Capabilities { get; } = new(false, false, true);

    public IReadOnlyList<ChatRequest> Requests => _requests.ToArray();

    /// <summary>Answers <paramref name="text"/> (in two chunks) to any prompt containing <paramref name="marker"/>.</summary>
    public PromptRoutedModel Answers(string marker, string text, TimeSpan delay = default)
    {
        var half = text.Length / 2;
        _routes.Add((marker, () => [new ChatTextDelta(text[..half]), new ChatTextDelta(text[half..]),
            new ChatCompleted(ChatFinishReason.Stop, new ChatUsage(20, 10))], delay));
        return this;
    }

    public PromptRoutedModel Fails(string marker, string message)
    {
        _routes.Add((marker, () => [new ChatFailed(ProviderFailureKind.Transient, 503, message)], TimeSpan.Zero));
        return this;
    }

    public PromptRoutedModel Throws(string marker, string message)
    {
        _routes.Add((marker, () => throw new InvalidOperationException(message), TimeSpan.Zero));
        return this;
    }

    /// <summary>The single request whose prompt contains <paramref name="marker"/>.</summary>
    public ChatRequest RequestFor(string marker) => Assert.Single(Requests, r => PromptOf(r).Contains(marker, StringComparison.Ordinal));

    public static string PromptOf(ChatRequest request) => string.Join("\n---\n", request.Messages.Select(m => m.Content));

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        var prompt = PromptOf(request);
        var route = _routes.FirstOrDefault(r => prompt.Contains(r.Marker, StringComparison.Ordinal));
        if (route.Answer is null)
        {
            yield return new ChatFailed(ProviderFailureKind.Permanent, null, "no scripted answer for this prompt");
            yield break;
        }
        if (route.Delay > TimeSpan.Zero) await Task.Delay(route.Delay, _clock, cancellationToken);
        else await Task.Yield();
        foreach (var delta in route.Answer())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return delta;
        }
    }
}
