using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Parley.Core.Llm.Testing;

/// <summary>
/// A fake chat model that answers each request with the next scripted turn, on the injected clock,
/// and records every request so tests can assert on the prompt.
/// </summary>
public sealed class ScriptedChatModel(IEnumerable<ScriptedTurn> turns, TimeProvider? time = null) : IChatModel
{
    private readonly ConcurrentQueue<ScriptedTurn> _turns = new(turns);
    private readonly ConcurrentQueue<ChatRequest> _requests = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ChatModelCapabilities Capabilities { get; } = new(ToolCalls: true, ParallelToolCalls: true, Streaming: true);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<ChatRequest> Requests => _requests.ToArray();

    /// <summary>Adds a turn to the end of the script.</summary>
    public void Enqueue(ScriptedTurn turn) => _turns.Enqueue(turn);

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        if (!_turns.TryDequeue(out var turn))
        {
            yield return new ChatFailed(ProviderFailureKind.Permanent, null, $"scripted model has no turn left for request {_requests.Count}");
            yield break;
        }

        var deltas = Expand(turn);
        var gap = deltas.Count > 1 && turn.TotalDuration > turn.FirstTokenDelay
            ? (turn.TotalDuration - turn.FirstTokenDelay) / (deltas.Count - 1)
            : TimeSpan.Zero;
        for (var i = 0; i < deltas.Count; i++)
        {
            var wait = i == 0 ? turn.FirstTokenDelay : gap;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            yield return deltas[i];
        }
    }

    private static List<ChatDelta> Expand(ScriptedTurn turn)
    {
        var deltas = new List<ChatDelta>();
        deltas.AddRange(turn.TextChunks.Select(chunk => new ChatTextDelta(chunk)));
        for (var i = 0; i < turn.ToolCalls.Count; i++)
        {
            var call = turn.ToolCalls[i];
            deltas.Add(new ChatToolCallDelta(i, call.Id, call.Name, call.ArgumentsJson));
        }
        deltas.Add(turn.Failure ?? (ChatDelta)new ChatCompleted(
            turn.ToolCalls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop, turn.Usage));
        return deltas;
    }
}
