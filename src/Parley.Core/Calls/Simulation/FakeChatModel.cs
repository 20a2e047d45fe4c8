using System.Runtime.CompilerServices;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Simulation;

/// <summary>
/// A chat model that answers each request with the script's next reply, on the script's timing. It counts one prompt
/// token per message it was sent and one completion token per word it answers (or per tool call).
/// </summary>
public sealed class FakeChatModel(CallScript script, TimeProvider clock) : IChatModel
{
    private readonly List<ChatRequest> _requests = [];
    private readonly List<TimeSpan> _requestTimes = [];
    private readonly DateTimeOffset _origin = clock.GetUtcNow();

    public ChatModelCapabilities Capabilities { get; } = new(true, false, true);

    /// <summary>Every request received, with the history it carried.</summary>
    public IReadOnlyList<ChatRequest> Requests => _requests;

    /// <summary>When each request came, as time since the model was made (with the call, at its start).</summary>
    public IReadOnlyList<TimeSpan> RequestTimes => _requestTimes;

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = _requests.Count;
        _requests.Add(request);
        _requestTimes.Add(clock.GetUtcNow() - _origin);
        if (index >= script.Llm.Replies.Count)
        {
            yield return new ChatFailed(ProviderFailureKind.Permanent, null, "The script has no reply " + (index + 1) + ".");
            yield break;
        }
        var reply = script.Llm.Replies[index];
        var start = clock.GetUtcNow();
        await Task.Delay(reply.Ttft, clock, cancellationToken);
        if (reply.ToolCall is { } call)
        {
            yield return new ChatToolCallDelta(0, call.Id, call.Name, call.ArgumentsJson);
            yield return new ChatCompleted(ChatFinishReason.ToolCalls, new ChatUsage(request.Messages.Count, 1));
            yield break;
        }
        var words = reply.Text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0)
            {
                var due = start + reply.Ttft + (reply.Total - reply.Ttft) * i / words.Length;
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
            }
            yield return new ChatTextDelta(i == 0 ? words[i] : " " + words[i]);
        }
        if (reply.Throws) throw new InvalidOperationException("The scripted model broke.");
        yield return new ChatCompleted(ChatFinishReason.Stop, new ChatUsage(request.Messages.Count, words.Length));
    }
}
