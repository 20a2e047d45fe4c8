using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Pacer;
using Parley.Core.Calls.Session;
using Parley.Core.Calls.Simulation;
using Parley.Core.Tests.Support;
using static Parley.Core.Tests.Calls.Simulation.Assistants;

namespace Parley.Core.Tests.Calls.Pacer;

// Invariant: frame n of a run goes out at exactly start + n·20 ms on the injected clock, whatever the start's
// offset; an interruption drops everything queued within one frame and reports how much was played; a pause
// keeps the queue and resumes with the next unplayed frame.
public class AudioPacerTests
{
    private sealed class Harness : IPacerListener
    {
        public readonly ManualClock Clock = new();
        public readonly RecordingAudioOutput Output = new();
        public readonly List<string> Events = [];
        public readonly AudioPacer Pacer;
        private static readonly short[] Silence = new short[320];

        // A pool of its own: tests that run alongside must not take the buffers these tests follow.
        public Harness(ICallAudioOutput? output = null, SampleBufferPool? buffers = null) =>
            Pacer = new AudioPacer(Clock, output ?? Output, this, () => { }, buffers ?? new SampleBufferPool(1 << 20));

        public void PlaybackStarted(long responseId) => Events.Add($"{Clock.Elapsed.TotalSeconds:0.000} started {responseId}");
        public void PlaybackFinished(long responseId, TimeSpan played) => Events.Add($"{Clock.Elapsed.TotalSeconds:0.000} finished {responseId} {played.TotalSeconds:0.000}");

        public void Enqueue(long response, int frames)
        {
            for (var i = 0; i < frames; i++) Pacer.Enqueue(response, new AudioFrame(Silence, 16000, TimeSpan.Zero));
        }

        public void RunUntil(double seconds)
        {
            while (Pacer.Service()) { }
            while (Clock.FireNext(S(seconds))) while (Pacer.Service()) { }
            Clock.MoveTo(S(seconds));
        }

        public IEnumerable<double> FrameTimes => Output.Frames.Select(f => Math.Round(f.At.TotalSeconds, 4));
    }

    [Fact]
    public void Frames_go_out_every_20_ms_from_an_odd_start_without_drift()
    {
        var h = new Harness();
        h.RunUntil(0.007);
        h.Enqueue(1, 100);

        h.RunUntil(5);

        Assert.Equal(100, h.Output.Frames.Count);
        for (var i = 0; i < 100; i++) Assert.Equal(S(0.007) + TimeSpan.FromMilliseconds(20) * i, h.Output.Frames[i].At);
    }

    [Fact]
    public void A_loop_that_woke_late_sends_every_overdue_frame_at_once_without_waiting_for_a_timer()
    {
        var h = new Harness();
        h.Enqueue(1, 10);
        h.RunUntil(0);
        // The tick for 0.02 fires, but the loop only gets to run at 0.07 (a busy thread pool).
        Assert.True(h.Clock.FireNext(S(0.02)));
        h.Clock.MoveTo(S(0.07));

        while (h.Pacer.Service()) { }

        // Frames due at 0.02, 0.04 and 0.06 leave on that one turn; the next keeps its place on the schedule.
        Assert.Equal([0.0, 0.07, 0.07, 0.07], h.FrameTimes);
        Assert.Equal(S(0.08), h.Clock.NextDue());
        h.RunUntil(1);
        Assert.Equal([0.0, 0.07, 0.07, 0.07, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18], h.FrameTimes);
    }

    [Fact]
    public void A_run_of_whole_frames_queued_at_once_plays_frame_by_frame_and_interrupts_between_them()
    {
        var samples = new SampleOutput();
        var h = new Harness(samples);
        var run = new short[5 * 320];
        for (var i = 0; i < run.Length; i++) run[i] = (short)(i / 320 + 1);
        h.Pacer.Enqueue(1, new AudioFrame(run, 16000, TimeSpan.Zero));
        // The voice's buffer is the voice's: the pacer kept copies.
        Array.Clear(run);
        h.RunUntil(0.05);

        var played = h.Pacer.Clear(1);
        h.RunUntil(1);

        Assert.Equal([1, 2, 3], samples.FirstSamples);
        Assert.All(samples.Arrays, a => Assert.Equal(320, a.Length));
        Assert.Equal(TimeSpan.FromMilliseconds(60), played);
    }

    [Fact]
    public void A_run_that_ends_short_of_a_frame_plays_its_tail_as_a_short_last_frame()
    {
        var samples = new SampleOutput();
        var h = new Harness(samples);
        var run = new short[320 + 100];
        Array.Fill(run, (short)7);
        h.Pacer.Enqueue(1, new AudioFrame(run, 16000, TimeSpan.FromSeconds(1)));
        h.Pacer.EndOfResponse(1);

        h.RunUntil(1);

        Assert.Equal([320, 100], samples.Arrays.Select(a => a.Length));
        Assert.Equal(["0.000 started 1", "0.040 finished 1 0.026"], h.Events);
    }

    [Fact]
    public void An_underrun_starts_a_new_schedule_when_audio_arrives_again()
    {
        var h = new Harness();
        h.Enqueue(1, 2);
        h.RunUntil(0.05);
        h.Enqueue(1, 2);

        h.RunUntil(1);

        Assert.Equal([0.0, 0.02, 0.05, 0.07], h.FrameTimes);
    }

    [Fact]
    public void The_end_of_a_reply_is_reported_when_its_last_frame_has_played()
    {
        var h = new Harness();
        h.Enqueue(1, 3);
        h.Pacer.EndOfResponse(1);

        h.RunUntil(1);

        Assert.Equal(["0.000 started 1", "0.060 finished 1 0.060"], h.Events);
    }

    [Fact]
    public void A_mark_is_reached_when_the_audio_queued_before_it_has_played_and_the_rest_plays_on()
    {
        var h = new Harness();
        h.Enqueue(1, 3);
        var reached = new TaskCompletionSource();
        h.Pacer.Mark(1, reached);
        var second = new TaskCompletionSource();
        h.Pacer.Mark(1, second);
        h.Enqueue(1, 2);
        var reachedAt = TimeSpan.Zero;
        reached.Task.ContinueWith(_ => reachedAt = h.Clock.Elapsed, TaskContinuationOptions.ExecuteSynchronously);

        h.RunUntil(0.05);
        Assert.False(reached.Task.IsCompleted);
        h.RunUntil(1);

        Assert.True(reached.Task.IsCompletedSuccessfully);
        Assert.True(second.Task.IsCompletedSuccessfully);
        Assert.Equal(S(0.06), reachedAt);
        // Marks take no time: the reply's five frames keep their 20 ms schedule.
        Assert.Equal([0.0, 0.02, 0.04, 0.06, 0.08], h.FrameTimes);
    }

    [Fact]
    public void Dropping_a_stale_reply_leaves_the_one_playing_before_it_and_the_one_after_it()
    {
        var h = new Harness();
        h.Enqueue(1, 5);
        h.Enqueue(2, 5);
        var stale = new TaskCompletionSource();
        h.Pacer.Mark(2, stale);
        h.Enqueue(3, 2);
        h.RunUntil(0.05);

        h.Pacer.Drop(2);
        h.RunUntil(1);

        Assert.Equal([0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12], h.FrameTimes);
        Assert.Equal(["0.000 started 1", "0.100 started 3"], h.Events);
        Assert.True(stale.Task.IsCanceled);
    }

    [Fact]
    public void A_mark_whose_audio_is_dropped_or_never_played_is_cancelled()
    {
        var h = new Harness();
        h.Enqueue(1, 10);
        var cleared = new TaskCompletionSource();
        h.Pacer.Mark(1, cleared);
        h.RunUntil(0.05);
        h.Pacer.Clear(1);
        h.RunUntil(1);

        h.Enqueue(2, 10);
        var disposed = new TaskCompletionSource();
        h.Pacer.Mark(2, disposed);
        h.Pacer.Dispose();

        Assert.True(cleared.Task.IsCanceled);
        Assert.True(disposed.Task.IsCanceled);
    }

    [Fact]
    public void Clear_drops_the_queue_and_reports_what_was_played_including_the_frame_in_flight()
    {
        var h = new Harness();
        h.Enqueue(1, 50);
        h.RunUntil(0.5);

        var played = h.Pacer.Clear(1);
        h.RunUntil(2);

        Assert.Equal(TimeSpan.FromMilliseconds(520), played);
        Assert.Equal(26, h.Output.Frames.Count);
        var origin = h.Clock.GetUtcNow() - h.Clock.Elapsed;
        Assert.Equal(origin + S(0.52), h.Pacer.LastFrameEndsAt);
    }

    [Fact]
    public void A_later_reply_survives_clearing_an_earlier_one()
    {
        var h = new Harness();
        h.Enqueue(1, 10);
        h.Enqueue(2, 3);
        h.RunUntil(0.05);

        h.Pacer.Clear(1);
        h.RunUntil(1);

        Assert.Equal([0.0, 0.02, 0.04, 0.06, 0.08, 0.1], h.FrameTimes);
        Assert.Equal(["0.000 started 1", "0.060 started 2"], h.Events);
    }

    [Fact]
    public void Pause_stops_after_the_frame_in_flight_and_resume_continues_with_the_next_frame()
    {
        var h = new Harness();
        h.Enqueue(1, 10);
        h.RunUntil(0.05);

        h.Pacer.Pause();
        h.RunUntil(0.5);
        var beforeResume = h.Output.Frames.Count;
        h.Pacer.Resume();
        h.RunUntil(2);

        Assert.Equal(3, beforeResume);
        Assert.Equal([0.0, 0.02, 0.04, 0.5, 0.52, 0.54, 0.56, 0.58, 0.6, 0.62], h.FrameTimes);
        Assert.Equal(TimeSpan.FromMilliseconds(200), h.Pacer.PlayedUntil);
    }

    /// <summary>Keeps what each frame carried when it was written, and which array carried it.</summary>
    private sealed class SampleOutput : ICallAudioOutput
    {
        public readonly List<short> FirstSamples = [];
        public readonly List<short[]> Arrays = [];

        public void Write(AudioFrame frame)
        {
            FirstSamples.Add(frame.Samples.Span[0]);
            Arrays.Add(SampleBuffers.ArrayOf(frame.Samples));
        }
    }

    [Fact]
    public void A_queued_frame_is_a_copy_so_the_producer_may_reuse_its_buffer_at_once()
    {
        var output = new SampleOutput();
        var h = new Harness(output);
        var producerBuffer = new short[320];
        for (short i = 1; i <= 5; i++)
        {
            producerBuffer[0] = i;
            h.Pacer.Enqueue(1, new AudioFrame(producerBuffer, 16000, TimeSpan.Zero));
        }
        producerBuffer[0] = 99;

        h.RunUntil(1);

        Assert.Equal([1, 2, 3, 4, 5], output.FirstSamples);
        Assert.DoesNotContain(producerBuffer, output.Arrays);
    }

    [Fact]
    public void Buffers_of_played_and_of_cleared_frames_carry_later_replies()
    {
        var output = new SampleOutput();
        var h = new Harness(output);
        var frame = new AudioFrame(new short[320], 16000, TimeSpan.Zero);
        for (var i = 0; i < 10; i++) h.Pacer.Enqueue(1, frame);
        h.RunUntil(1);
        var firstReply = output.Arrays.ToHashSet(ReferenceEqualityComparer.Instance);

        // Reply 2 is cut after two frames: its eight queued frames are dropped, and their buffers are not lost.
        for (var i = 0; i < 10; i++) h.Pacer.Enqueue(2, frame);
        h.RunUntil(1.03);
        h.Pacer.Clear(2);
        h.RunUntil(2);
        for (var i = 0; i < 10; i++) h.Pacer.Enqueue(3, frame);
        h.RunUntil(3);

        Assert.Equal(10 + 2 + 10, output.Arrays.Count);
        Assert.All(output.Arrays, array => Assert.Contains(array, firstReply));
    }

    [Fact]
    public void Buffers_played_by_one_call_carry_the_next_call_s_reply()
    {
        var pool = new SampleBufferPool(1 << 20);
        var firstOutput = new SampleOutput();
        var secondOutput = new SampleOutput();
        var first = new Harness(firstOutput, pool);
        var second = new Harness(secondOutput, pool);
        var frame = new AudioFrame(new short[320], 16000, TimeSpan.Zero);

        for (var i = 0; i < 10; i++) first.Pacer.Enqueue(1, frame);
        first.RunUntil(1);
        for (var i = 0; i < 10; i++) second.Pacer.Enqueue(1, frame);
        second.RunUntil(1);

        // The second call allocated nothing of its own: the process holds what is queued at once, not each call's longest reply.
        var firstCallBuffers = firstOutput.Arrays.ToHashSet(ReferenceEqualityComparer.Instance);
        Assert.Equal(10, secondOutput.Arrays.Count);
        Assert.All(secondOutput.Arrays, array => Assert.Contains(array, firstCallBuffers));
    }

    [Fact]
    public void Audio_still_queued_when_the_call_ends_goes_back_to_the_pool()
    {
        var pool = new SampleBufferPool(1 << 20);
        var h = new Harness(buffers: pool);
        var frame = new AudioFrame(new short[320], 16000, TimeSpan.Zero);
        for (var i = 0; i < 10; i++) h.Pacer.Enqueue(1, frame);

        h.Pacer.Dispose();

        // Ten buffers wait in the pool: renting them allocates nothing.
        var bin = pool.Bin(320);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++) bin.Rent();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A clock whose timers fire early, as System timers can (they count whole milliseconds).</summary>
    private sealed class EarlyTimers(ManualClock clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();
        public override long GetTimestamp() => clock.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new Early(clock.CreateTimer(callback, state, Sooner(dueTime), period));

        // Half a millisecond early, or half the wait when that is shorter, so a re-timed wait still ends.
        private static TimeSpan Sooner(TimeSpan due) => due == Timeout.InfiniteTimeSpan ? due : due - TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(0.5).Ticks, due.Ticks / 2));

        private sealed class Early(ITimer timer) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(Sooner(dueTime), period);
            public void Dispose() => timer.Dispose();
            public ValueTask DisposeAsync() => timer.DisposeAsync();
        }
    }

    [Fact]
    public void A_hold_whose_timer_fires_early_still_ends()
    {
        var clock = new ManualClock();
        var output = new RecordingAudioOutput();
        var listener = new Harness();
        var pacer = new AudioPacer(new EarlyTimers(clock), output, listener, () => { }, new SampleBufferPool(1 << 20));
        pacer.HoldUntil(clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++) pacer.Enqueue(1, new AudioFrame(new short[320], 16000, TimeSpan.Zero));

        while (pacer.Service()) { }
        while (clock.FireNext(S(3))) while (pacer.Service()) { }

        Assert.Equal(5, output.Frames.Count);
        Assert.InRange(output.Frames[0].At, S(1), S(1.001));
    }
}
