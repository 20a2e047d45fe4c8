using System.Runtime.CompilerServices;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Support;

/// <summary>A chat model that answers each request with the next scripted list of deltas and records the requests.</summary>
public sealed class ScriptedModel(params IReadOnlyList<ChatDelta>[] answers) : IChatModel
{
    private int _next;
    public List<ChatRequest> Requests { get; } = [];
    public ChatModelCapabilities Capabilities { get; } = new(true, true, true);

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var answer = _next < answers.Length ? answers[_next++] : [new ChatTextDelta("(no more script)")];
        foreach (var delta in answer)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return delta;
        }
    }

    public static IReadOnlyList<ChatDelta> Text(string text) =>
        [new ChatTextDelta(text), new ChatCompleted(ChatFinishReason.Stop, new ChatUsage(10, 5))];

    public static IReadOnlyList<ChatDelta> CallTool(string id, string name, string argumentsJson) =>
        [new ChatToolCallDelta(0, id, name, argumentsJson[..(argumentsJson.Length / 2)]),
         new ChatToolCallDelta(0, null, null, argumentsJson[(argumentsJson.Length / 2)..]),
         new ChatCompleted(ChatFinishReason.ToolCalls, new ChatUsage(10, 5))];
}
