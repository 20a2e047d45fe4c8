using System.Collections.Concurrent;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;

namespace Parley.Core.Calls.Pacer;

/// <summary>
/// Plays assistant audio out at real-time pace on the injected clock: frame n of a run is due at start + n·20 ms
/// (the timer is re-armed from that formula each time, so lateness never accumulates). Producers enqueue from any
/// thread; everything else runs on the session loop, which calls <see cref="Service"/> whenever it wakes and again
/// until it returns false. Queued samples are copies in buffers recycled through a pool all calls share, so a reply's
/// audio, queued for seconds, is not garbage for the GC to move.
/// </summary>
public sealed class AudioPacer : IDisposable
{
    public static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _clock;
    private readonly ICallAudioOutput _output;
    private readonly IPacerListener _listener;
    private readonly Action _wake;
    // Only ever polled by the session loop, never awaited: a lock-free queue is all it needs (a channel locks per write).
    private readonly ConcurrentQueue<PacedFrame> _lane = new();
    private readonly ITimer _timer;
    private readonly FrameBuffers _buffers;
    private readonly DateTimeOffset _callStart;
    private PacedFrame _held;
    private bool _hasHeld;
    private int _tickDue;
    private bool _inFlight;
    private DateTimeOffset _runStart;
    private long _framesInRun;
    private long _current;
    private TimeSpan _playedInCurrent;
    private long _droppedUpTo;
    private DateTimeOffset _holdUntil;
    // Replies dropped one by one (stale before they played), kept until a later reply plays: few, and only ever
    // looked at while one is pending.
    private readonly List<long> _droppedReplies = [];
    private DateTimeOffset _holdTimedFor;

    /// <param name="buffers">Where queued copies are rented from; the process's shared pool unless told otherwise.</param>
    public AudioPacer(TimeProvider clock, ICallAudioOutput output, IPacerListener listener, Action wake, SampleBufferPool? buffers = null)
    {
        _buffers = new FrameBuffers(buffers ?? SampleBufferPool.Shared);
        _clock = clock;
        _output = output;
        _listener = listener;
        _wake = wake;
        _callStart = clock.GetUtcNow();
        _timer = clock.CreateTimer(static s => ((AudioPacer)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True while playout is paused by a suspected false interruption.</summary>
    public bool Paused { get; private set; }

    /// <summary>The reply currently audible (0 when none).</summary>
    public long Current => _current;

    /// <summary>When the last frame handed to the output finishes playing.</summary>
    public DateTimeOffset LastFrameEndsAt { get; private set; }

    /// <summary>Audio of the current reply played so far, including the frame in flight.</summary>
    public TimeSpan PlayedUntil => _playedInCurrent;

    /// <summary>
    /// Queues a copy of a reply's audio, cut into 20 ms frames (a voice hands over runs of whole frames, one event per
    /// run rather than per frame); any thread. The caller keeps its own buffer.
    /// </summary>
    public void Enqueue(long responseId, AudioFrame audio)
    {
        var frameLength = audio.SampleRate > 0 ? Math.Max(1, FrameSize.Samples(audio.SampleRate)) : audio.Samples.Length;
        var samples = audio.Samples;
        var consumed = 0L;
        while (!samples.IsEmpty)
        {
            var length = Math.Min(frameLength, samples.Length);
            // Whole frames come from the pool; a piece short of one (audio that bypassed the wire framer) gets an array
            // of its own.
            var pooled = _buffers.Rent(audio.SampleRate, length);
            var buffer = pooled ?? new short[length];
            samples.Span[..length].CopyTo(buffer);
            var at = audio.SampleRate > 0 ? audio.Timestamp + FrameSize.DurationOf(consumed, audio.SampleRate) : audio.Timestamp;
            _lane.Enqueue(new PacedFrame(responseId, audio with { Samples = buffer.AsMemory(0, length), Timestamp = at }, false, pooled));
            samples = samples[length..];
            consumed += length;
        }
        _wake();
    }

    /// <summary>Marks the end of a reply's audio; any thread.</summary>
    public void EndOfResponse(long responseId)
    {
        _lane.Enqueue(new PacedFrame(responseId, default, true));
        _wake();
    }

    /// <summary>
    /// Completes <paramref name="reached"/> once the reply's audio queued so far has all played (cancels it if that audio
    /// is dropped); any thread.
    /// </summary>
    public void Mark(long responseId, TaskCompletionSource reached)
    {
        _lane.Enqueue(new PacedFrame(responseId, default, false, Reached: reached));
        _wake();
    }

    /// <summary>Does what is due now; returns false when there was nothing to do. Session loop only.</summary>
    public bool Service()
    {
        // A tick with a frame in flight is the run's next frame; without one it is the end of a hold.
        var tick = Interlocked.Exchange(ref _tickDue, 0) == 1;
        if (tick && _inFlight)
        {
            _inFlight = false;
            PlayNext(continuingRun: true);
            return true;
        }
        // Timers may fire a little early (whole milliseconds): a hold that is not over yet is timed again.
        if (tick) _holdTimedFor = default;
        if (!_inFlight && !Paused && Peek())
        {
            if (HeldBack()) return false;
            // A hold's tick that came in with the wake that starts this run would pass for the run's next frame.
            Volatile.Write(ref _tickDue, 0);
            PlayNext(continuingRun: false);
            return true;
        }
        return false;
    }

    /// <summary>True while a hold keeps new audio back; its end is timed once.</summary>
    private bool HeldBack()
    {
        var now = _clock.GetUtcNow();
        if (now >= _holdUntil) return false;
        if (_holdTimedFor != _holdUntil)
        {
            _holdTimedFor = _holdUntil;
            _timer.Change(_holdUntil - now, Timeout.InfiniteTimeSpan);
        }
        return true;
    }

    /// <summary>
    /// No new audio starts before <paramref name="until"/> (the stop speaking plan's backoff after an interruption);
    /// what is queued meanwhile waits, and a run already playing is not affected.
    /// </summary>
    public void HoldUntil(DateTimeOffset until)
    {
        if (until > _holdUntil) _holdUntil = until;
    }

    /// <summary>Stops after the frame in flight; queued audio is kept for <see cref="Resume"/>.</summary>
    public void Pause() => Paused = true;

    /// <summary>Continues where <see cref="Pause"/> stopped, on a fresh schedule starting now.</summary>
    public void Resume()
    {
        Paused = false;
        _wake();
    }

    /// <summary>
    /// Drops every queued frame of replies up to <paramref name="responseId"/> and returns how much of the current
    /// reply was played. The frame already handed to the output finishes; nothing else does.
    /// </summary>
    public TimeSpan Clear(long responseId)
    {
        _droppedUpTo = Math.Max(_droppedUpTo, responseId);
        var played = _current == responseId ? _playedInCurrent : TimeSpan.Zero;
        if (_current <= responseId)
        {
            _current = 0;
            _playedInCurrent = TimeSpan.Zero;
        }
        if (_hasHeld && _held.ResponseId <= responseId)
        {
            _hasHeld = false;
            Recycle(_held);
            _held.Reached?.TrySetCanceled();
        }
        Paused = false;
        return played;
    }

    /// <summary>
    /// Drops the queued audio of one reply that has not started playing (a stale reply), leaving the replies queued
    /// before it, an audible one included, to play on. Session loop only.
    /// </summary>
    public void Drop(long responseId)
    {
        _droppedReplies.Add(responseId);
        if (_hasHeld && _held.ResponseId == responseId)
        {
            _hasHeld = false;
            Recycle(_held);
            _held.Reached?.TrySetCanceled();
        }
    }

    private bool Dropped(long responseId)
    {
        if (responseId <= _droppedUpTo) return true;
        if (_droppedReplies.Count == 0) return false;
        // Replies are queued in order: once a later one plays, the dropped ones before it have nothing left queued.
        for (var i = _droppedReplies.Count - 1; i >= 0; i--)
            if (_droppedReplies[i] < responseId) _droppedReplies.RemoveAt(i);
        return _droppedReplies.Contains(responseId);
    }

    private void PlayNext(bool continuingRun)
    {
        while (Take(out var item))
        {
            if (Dropped(item.ResponseId))
            {
                Recycle(item);
                item.Reached?.TrySetCanceled();
                continue;
            }
            if (item.Reached is { } reached)
            {
                reached.TrySetResult();
                continue;
            }
            if (item.IsEnd)
            {
                var played = _playedInCurrent;
                _current = 0;
                _playedInCurrent = TimeSpan.Zero;
                _listener.PlaybackFinished(item.ResponseId, played);
                continue;
            }
            if (Paused)
            {
                _held = item;
                _hasHeld = true;
                return;
            }
            // The next reply, right after an interruption: it waits for the hold like one that starts from silence.
            if (item.ResponseId != _current && HeldBack())
            {
                _held = item;
                _hasHeld = true;
                _inFlight = false;
                return;
            }
            if (item.ResponseId != _current)
            {
                _current = item.ResponseId;
                _playedInCurrent = TimeSpan.Zero;
                _listener.PlaybackStarted(item.ResponseId);
            }
            var now = _clock.GetUtcNow();
            if (!continuingRun)
            {
                _runStart = now;
                _framesInRun = 0;
            }
            _output.Write(item.Frame with { Timestamp = now - _callStart });
            _playedInCurrent += item.Frame.Duration;
            LastFrameEndsAt = now + item.Frame.Duration;
            // Outputs copy what they keep (ICallAudioOutput), so the buffer is free once Write returns.
            Recycle(item);
            _framesInRun++;
            _inFlight = true;
            // The schedule never shifts. When the loop ran late the next frame is already due: it goes on the loop's
            // next turn, not after a timer and a thread-pool hop, each of which a busy machine delays again (catching
            // up one hop per frame, a pacer 40 ms behind fell further behind at every hop).
            var due = _runStart + _framesInRun * FrameLength - now;
            if (due > TimeSpan.Zero) _timer.Change(due, Timeout.InfiniteTimeSpan);
            else Volatile.Write(ref _tickDue, 1);
            return;
        }
    }

    private bool Peek()
    {
        if (_hasHeld) return true;
        if (!_lane.TryDequeue(out _held)) return false;
        _hasHeld = true;
        return true;
    }

    private bool Take(out PacedFrame item)
    {
        if (Peek())
        {
            item = _held;
            _hasHeld = false;
            return true;
        }
        item = default;
        return false;
    }

    private void Recycle(in PacedFrame item)
    {
        if (item.Buffer is { } buffer) _buffers.Return(buffer, item.Frame.SampleRate);
    }

    private void OnTimer()
    {
        Volatile.Write(ref _tickDue, 1);
        _wake();
    }

    /// <summary>Stops the timer and hands what is still queued back to the pool (a call that ends mid-reply).</summary>
    public void Dispose()
    {
        _timer.Dispose();
        if (_hasHeld)
        {
            Recycle(_held);
            _held.Reached?.TrySetCanceled();
        }
        _hasHeld = false;
        while (_lane.TryDequeue(out var left))
        {
            Recycle(left);
            left.Reached?.TrySetCanceled();
        }
    }
}
