namespace Parley.Core.Llm;

/// <summary>A streaming chat LLM with tool calling, one instance per configured model.</summary>
public interface IChatModel
{
    /// <summary>What this model's provider can do.</summary>
    ChatModelCapabilities Capabilities { get; }

    /// <summary>
    /// Streams the model's answer. Failures are reported as a final <see cref="ChatFailed"/> delta
    /// rather than thrown mid-stream; cancellation ends the stream quietly.
    /// </summary>
    IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken cancellationToken);
}

/// <summary>Features a chat model provider supports.</summary>
public sealed record ChatModelCapabilities(bool ToolCalls, bool ParallelToolCalls, bool Streaming);
