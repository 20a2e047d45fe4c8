using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;

namespace Parley.Core.Tests.Calls.Session;

public sealed class CallerAudioLaneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly short[] Samples = new short[8];

    // Length and timestamp both encode the frame's number, so a frame torn between two writes shows up.
    private static AudioFrame Frame(long n) => new(Samples.AsMemory(0, 1 + (int)(n % 7)), 16000, TimeSpan.FromTicks(n));

    private static async Task<List<AudioFrame>> ReadAllAsync(CallerAudioLane lane, CancellationToken cancellationToken = default)
    {
        var frames = new List<AudioFrame>();
        await foreach (var frame in lane.ReadAllAsync(cancellationToken)) frames.Add(frame);
        return frames;
    }

    [Fact]
    public async Task Frames_come_out_in_order_and_the_reader_ends_after_completion()
    {
        var lane = new CallerAudioLane(16);
        for (var i = 0; i < 10; i++) lane.Write(Frame(i));
        lane.Complete();
        lane.Write(Frame(99));

        var frames = await ReadAllAsync(lane).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), frames.Select(f => f.Timestamp.Ticks));
        Assert.Equal(0, lane.Dropped);
    }

    [Fact]
    public async Task A_reader_that_falls_behind_loses_the_oldest_frames_and_counts_them()
    {
        var lane = new CallerAudioLane(4);
        for (var i = 0; i < 10; i++) lane.Write(Frame(i));
        lane.Complete();

        var frames = await ReadAllAsync(lane).WaitAsync(Patience);

        Assert.Equal([6L, 7, 8, 9], frames.Select(f => f.Timestamp.Ticks));
        Assert.Equal(6, lane.Dropped);
    }

    [Fact]
    public async Task A_waiting_reader_wakes_for_a_frame_and_for_cancellation()
    {
        var lane = new CallerAudioLane(4);
        using var cancel = new CancellationTokenSource();
        var reader = lane.ReadAllAsync(cancel.Token).GetAsyncEnumerator();
        var next = reader.MoveNextAsync();
        Assert.False(next.IsCompleted);

        lane.Write(Frame(1));
        Assert.True(await next.AsTask().WaitAsync(Patience));
        Assert.Equal(1, reader.Current.Timestamp.Ticks);

        next = reader.MoveNextAsync();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_producer_racing_a_reader_never_hands_over_a_torn_or_repeated_frame()
    {
        const int Frames = 300_000;
        var lane = new CallerAudioLane(8);
        var reading = Task.Run(() => ReadAllAsync(lane));
        var producing = Task.Run(() =>
        {
            for (var i = 0; i < Frames; i++) lane.Write(Frame(i));
            lane.Complete();
        });
        await producing.WaitAsync(Patience);

        var frames = await reading.WaitAsync(Patience);

        long previous = -1;
        foreach (var frame in frames)
        {
            var n = frame.Timestamp.Ticks;
            Assert.True(n > previous, $"frame {n} after {previous}");
            Assert.Equal(1 + (int)(n % 7), frame.Samples.Length);
            previous = n;
        }
        Assert.Equal(Frames - 1, previous);
        Assert.Equal(Frames, frames.Count + lane.Dropped);
    }

    [Fact]
    public async Task Waking_a_waiting_listener_allocates_nothing_on_the_producer()
    {
        var lane = new CallerAudioLane(64);
        var seen = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in lane.ReadAllAsync()) Interlocked.Increment(ref seen);
        });
        var frame = Frame(3);

        long allocated = 0;
        var producing = new Thread(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                lane.Write(frame);
                if (i >= 100) allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                // Let the listener drain and park again, so every write has a waiter to wake.
                var spin = new SpinWait();
                while (Volatile.Read(ref seen) <= i) spin.SpinOnce(-1);
            }
            lane.Complete();
        });
        producing.Start();
        producing.Join();
        await reading.WaitAsync(Patience);

        Assert.Equal(2_000, seen);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_allocates_nothing()
    {
        var lane = new CallerAudioLane(64);
        var frame = Frame(3);
        lane.Write(frame);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) lane.Write(frame);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
