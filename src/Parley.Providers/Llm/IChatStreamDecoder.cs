using Parley.Core.Llm;

namespace Parley.Providers.Llm;

/// <summary>Turns one provider's events into deltas; one instance per answer, so it may keep per-answer state.</summary>
public interface IChatStreamDecoder
{
    /// <summary>Adds the deltas for one event to <paramref name="output"/>; a <see cref="ChatCompleted"/> or <see cref="ChatFailed"/> ends the answer.</summary>
    void Decode(SseEvent sse, List<ChatDelta> output);

    /// <summary>The last delta when the stream ends without the provider's own end marker.</summary>
    ChatDelta Finish();

    /// <summary>Decodes a whole non-streamed JSON answer.</summary>
    void DecodeWhole(string json, List<ChatDelta> output);
}
