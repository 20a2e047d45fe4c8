using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Fallbacks;
using Parley.Core.Calls.Stt;

namespace Parley.Core.Tests.Calls.Fallbacks;

public sealed class FallbackAudioFeedTests
{
    private const int FrameSamples = 320;
    private static readonly short[] Scratch = new short[FrameSamples];

    /// <summary>A 20 ms frame whose samples all carry <paramref name="mark"/>, in a buffer the producer reuses.</summary>
    private static AudioFrame Frame(int mark)
    {
        Array.Fill(Scratch, (short)mark);
        return new AudioFrame(Scratch, 16000, TimeSpan.Zero);
    }

    /// <summary>A feed with a pool of its own: tests running alongside must not take the buffers these tests follow.</summary>
    private static FallbackAudioFeed NewFeed(TimeSpan replayLimit) => new(replayLimit, new SampleBufferPool(8L << 20));

    private static async Task<List<int>> ReadAvailableAsync(IAsyncEnumerator<AudioFrame> input, int count)
    {
        var marks = new List<int>();
        for (var i = 0; i < count; i++)
        {
            Assert.True(await input.MoveNextAsync());
            var samples = input.Current.Samples.Span;
            Assert.True(samples.IndexOfAnyExcept(samples[0]) < 0, "a frame's samples were overwritten while the engine held it");
            marks.Add(samples[0]);
        }
        return marks;
    }

    [Fact]
    public async Task Feeding_a_chain_costs_no_allocation_per_frame_once_warm()
    {
        var feed = NewFeed(TimeSpan.FromSeconds(1));
        var (input, _) = feed.Attach(keepForReplay: true);
        await using var engine = input(CancellationToken.None).GetAsyncEnumerator();
        // Warm: the replay buffer fills to its limit (50 frames), is settled, and the pool grows to what is in flight.
        for (var i = 0; i < 200; i++)
        {
            feed.Push(Frame(i));
            await ReadAvailableAsync(engine, 1);
            if (i % 100 == 99) feed.Settled([], TimeSpan.Zero);
        }

        var wrong = 0;
        IReadOnlyList<TranscriptWord> noWords = [];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 500; i++)
        {
            feed.Push(Frame(i));
            // The channel holds the frame already: the engine's step completes at once, on this thread.
            var step = engine.MoveNextAsync();
            var atOnce = step.IsCompletedSuccessfully;
            if (!atOnce || !await step || engine.Current.Samples.Span[0] != (short)i) wrong++;
            if (i % 100 == 99) feed.Settled(noWords, TimeSpan.Zero);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, wrong);
        // A copied frame alone would be 660 bytes: 500 of them 330 KB.
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Each_replacement_hears_what_was_kept_intact_whatever_earlier_engines_did_with_their_copies()
    {
        var feed = NewFeed(TimeSpan.FromSeconds(10));
        var (first, _) = feed.Attach(keepForReplay: true);
        await using var a = first(CancellationToken.None).GetAsyncEnumerator();
        for (var i = 1; i <= 5; i++) feed.Push(Frame(i));
        Assert.Equal([1, 2, 3, 4, 5], await ReadAvailableAsync(a, 5));

        // The first engine fails; the second replays 1-5 and hears 6-7 live, its used buffers going back to the pool.
        var (second, origin) = feed.Attach(keepForReplay: true);
        Assert.Equal(TimeSpan.Zero, origin);
        await using var b = second(CancellationToken.None).GetAsyncEnumerator();
        feed.Push(Frame(6));
        feed.Push(Frame(7));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], await ReadAvailableAsync(b, 7));
        feed.Push(Frame(8));
        Assert.Equal([8], await ReadAvailableAsync(b, 1));

        // The last engine still gets every kept frame as it was, although the second returned its copies of them.
        var (third, _) = feed.Attach(keepForReplay: false);
        await using var c = third(CancellationToken.None).GetAsyncEnumerator();
        feed.Push(Frame(9));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], await ReadAvailableAsync(c, 9));
        Assert.Equal(0, feed.KeptFrames);
    }

    [Fact]
    public async Task Frames_of_other_sizes_than_20_ms_are_carried_and_replayed_too()
    {
        var feed = NewFeed(TimeSpan.FromSeconds(10));
        var (first, _) = feed.Attach(keepForReplay: true);
        await using var a = first(CancellationToken.None).GetAsyncEnumerator();
        var odd = Enumerable.Repeat((short)5, 100).ToArray();
        var big = Enumerable.Repeat((short)6, 1600).ToArray();
        feed.Push(new AudioFrame(odd, 16000, TimeSpan.Zero));
        feed.Push(new AudioFrame(big, 16000, TimeSpan.Zero));
        Array.Clear(odd);
        Array.Clear(big);

        Assert.True(await a.MoveNextAsync());
        Assert.Equal(Enumerable.Repeat((short)5, 100), a.Current.Samples.ToArray());
        Assert.True(await a.MoveNextAsync());
        Assert.Equal(Enumerable.Repeat((short)6, 1600), a.Current.Samples.ToArray());

        var (second, _) = feed.Attach(keepForReplay: false);
        await using var b = second(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await b.MoveNextAsync());
        Assert.Equal(Enumerable.Repeat((short)5, 100), b.Current.Samples.ToArray());
        Assert.True(await b.MoveNextAsync());
        Assert.Equal(Enumerable.Repeat((short)6, 1600), b.Current.Samples.ToArray());
    }

    [Fact]
    public async Task A_final_transcript_settles_the_audio_its_words_cover()
    {
        var feed = NewFeed(TimeSpan.FromSeconds(10));
        var (input, _) = feed.Attach(keepForReplay: true);
        await using var engine = input(CancellationToken.None).GetAsyncEnumerator();
        for (var i = 1; i <= 10; i++) feed.Push(Frame(i));
        await ReadAvailableAsync(engine, 10);

        feed.Settled([new TranscriptWord("hello", TimeSpan.Zero, TimeSpan.FromMilliseconds(120), 0.9)], TimeSpan.Zero);

        Assert.Equal(4, feed.KeptFrames);
        var (next, origin) = feed.Attach(keepForReplay: false);
        Assert.Equal(TimeSpan.FromMilliseconds(120), origin);
        await using var replacement = next(CancellationToken.None).GetAsyncEnumerator();
        Assert.Equal([7, 8, 9, 10], await ReadAvailableAsync(replacement, 4));
    }
}
