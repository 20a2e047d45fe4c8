using System.Text;
using Parley.Core.Conversations;

namespace Parley.Core.Calls.Session;

/// <summary>
/// One assistant reply you can hold: its own cancellation (linked to the call), what it said and how much of it
/// was heard. Fields written by the producer are read by the session only after <see cref="ResponseProduced"/>.
/// </summary>
public sealed class ResponseHandle : IDisposable
{
    private readonly CancellationTokenSource _cts;

    public ResponseHandle(long id, ResponseKind kind, CancellationToken callToken)
    {
        Id = id;
        Kind = kind;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(callToken);
    }

    public long Id { get; }
    public ResponseKind Kind { get; }
    public CancellationToken Token => _cts.Token;

    /// <summary>When the session started it (the caller's words from before then never interrupt it).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>False for say messages sent with interruptionsEnabled false.</summary>
    public bool Interruptible { get; init; } = true;

    /// <summary>Fixed text for say / first message / idle messages; null for model replies.</summary>
    public string? FixedText { get; init; }

    /// <summary>Fixed audio played as it is (a first message given as an audio file), with no voice.</summary>
    public Audio.AudioFrame? FixedAudio { get; init; }

    /// <summary>When set, the call ends with this reason once the reply has been spoken.</summary>
    public string? EndedReasonAfterSpoken { get; set; }

    // Written by the producer.
    public StringBuilder SpokenText { get; } = new();
    public TimeSpan AudioProduced { get; set; }
    public ConversationContext? Fork { get; set; }
    public int ForkStart { get; set; }
    public bool Failed { get; set; }

    /// <summary>When each of this reply's tool calls was asked for, by call id (session loop; null until the model calls one).</summary>
    public Dictionary<string, DateTimeOffset>? ToolCallsAt { get; set; }

    /// <summary>When each of this reply's tool calls was answered, by call id.</summary>
    public Dictionary<string, DateTimeOffset>? ToolResultsAt { get; set; }

    /// <summary>For a reply to the caller's turn: when the caller stopped and when the turn was judged over.</summary>
    public DateTimeOffset? CallerStoppedAt { get; set; }
    public DateTimeOffset? TurnEndedAt { get; set; }

    /// <summary>For a reply to the caller's turn: when the last final transcript of it came.</summary>
    public DateTimeOffset? LastFinalAt { get; set; }

    /// <summary>When the model's first words of this reply reached the session.</summary>
    public DateTimeOffset? FirstTextAt { get; set; }

    // Session loop state.
    public bool Produced { get; set; }
    public bool Audible { get; set; }
    public bool PlaybackDone { get; set; }
    public bool Interrupted { get; set; }
    public TimeSpan Played { get; set; }
    public DateTimeOffset? AudioStartedAt { get; set; }
    public DateTimeOffset? AudioStoppedAt { get; set; }
    public bool Cancelled => _cts.IsCancellationRequested;

    public void Cancel() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
