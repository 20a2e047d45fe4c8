using System.Runtime.CompilerServices;
using Parley.Core.Llm;

namespace Parley.Bench.Calls;

/// <summary>
/// A fake model with a set time to first token: the whole first sentence arrives at once after it, the short second
/// sentence right after. With the default chunkPlan (minCharacters 30) the chunker sends both as one chunk.
/// </summary>
public sealed class TimedChatModel(TimeSpan firstToken, TimeProvider clock) : IChatModel
{
    public const string FirstSentence = "Sure, I can help with that. ";
    public const string SecondSentence = "One moment please.";

    public ChatModelCapabilities Capabilities { get; } = new(false, false, true);

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ProviderDelays.WaitAsync(firstToken, clock, cancellationToken);
        yield return new ChatTextDelta(FirstSentence);
        yield return new ChatTextDelta(SecondSentence);
        yield return new ChatCompleted(ChatFinishReason.Stop, ChatUsage.None);
    }
}
