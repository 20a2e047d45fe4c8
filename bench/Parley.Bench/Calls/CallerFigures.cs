namespace Parley.Bench.Calls;

/// <summary>What one caller measured; each list has a single writer (the caller's sender or its receiver).</summary>
public sealed class CallerFigures
{
    public bool ConnectFailed { get; set; }

    /// <summary>From connect to the end of the call: what the call's share of the server's CPU is measured over.</summary>
    public TimeSpan Connected { get; set; }
    public bool Dropped { get; set; }

    /// <summary>The script ran and end-call was sent, but the end-of-call report never arrived before the socket failed.</summary>
    public bool EndLost { get; set; }

    /// <summary>The call completed (report received) but the socket did not close with a handshake.</summary>
    public bool UncleanClose { get; set; }

    /// <summary>The first failure that dropped the call, for the printout.</summary>
    public string? DropReason { get; set; }

    /// <summary>First reply frame after the caller's last word, minus the bench's set waits.</summary>
    public List<TimeSpan> ReplyLatencies { get; } = [];

    /// <summary>Caller's speech onset to the end of the last assistant frame heard.</summary>
    public List<TimeSpan> BargeIns { get; } = [];

    public int BargeInsMissed { get; set; }
    public int RepliesMissing { get; set; }

    /// <summary>Gaps between consecutive frames of one reply, and those over one frame plus the tolerance.</summary>
    public long Gaps { get; set; }
    public long LateGaps { get; set; }

    /// <summary>Frames that arrived more than one frame (20 ms) behind their reply's schedule (first frame + k·20 ms).</summary>
    public long LateFrames { get; set; }

    /// <summary>How late the caller's own frames left: a busy client delays the server's input too.</summary>
    public List<TimeSpan> SendLag { get; } = [];
}
