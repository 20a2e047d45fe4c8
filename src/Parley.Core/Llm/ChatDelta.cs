namespace Parley.Core.Llm;

/// <summary>One piece of a streamed model answer.</summary>
public abstract record ChatDelta;

/// <summary>Text the model produced.</summary>
public sealed record ChatTextDelta(string Text) : ChatDelta;

/// <summary>
/// A fragment of a tool call. <see cref="Index"/> groups fragments of one call; id and name arrive on the
/// first fragment, argument text is concatenated across fragments.
/// </summary>
public sealed record ChatToolCallDelta(int Index, string? Id, string? Name, string ArgumentsFragment) : ChatDelta;

/// <summary>The answer finished normally.</summary>
public sealed record ChatCompleted(ChatFinishReason Reason, ChatUsage Usage) : ChatDelta;

/// <summary>The provider failed; the stream ends after this.</summary>
public sealed record ChatFailed(ProviderFailureKind Kind, int? StatusCode, string Message) : ChatDelta
{
    /// <summary>How long the provider asked us to wait before trying again (HTTP Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>Why the model stopped.</summary>
public enum ChatFinishReason { Stop, ToolCalls, Length, ContentFilter, Other }

/// <summary>Token counts reported by the provider (zero when it reports none).</summary>
public sealed record ChatUsage(int PromptTokens, int CompletionTokens, int CachedPromptTokens = 0)
{
    public static readonly ChatUsage None = new(0, 0);
}

/// <summary>Whether a failure may go away on retry (rate limits, 5xx, timeouts) or not (auth, bad request).</summary>
public enum ProviderFailureKind { Transient, Permanent }
