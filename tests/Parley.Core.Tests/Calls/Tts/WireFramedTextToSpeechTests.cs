using System.Runtime.CompilerServices;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Tts;

namespace Parley.Core.Tests.Calls.Tts;

public sealed class WireFramedTextToSpeechTests
{
    /// <summary>Sends the given pieces of audio for any text, in order.</summary>
    private sealed class PiecesVoice(params TtsAudio[] pieces) : ITextToSpeech
    {
        public TtsCapabilities Capabilities { get; } = new(true, [16000]);

        public async IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var _ in text.WithCancellation(cancellationToken)) { }
            foreach (var piece in pieces) yield return piece;
        }
    }

    private static TtsAudio Piece(int samples, short value, int rate = 16000) =>
        new(new AudioFrame(Enumerable.Repeat(value, samples).ToArray(), rate, TimeSpan.Zero));

    private static async Task<List<TtsAudio>> FramesAsync(ITextToSpeech voice)
    {
        var frames = new List<TtsAudio>();
        await foreach (var e in new WireFramedTextToSpeech(voice).SynthesizeAsync(new[] { "hi" }.ToAsyncEnumerable(), new TtsOptions { SampleRate = 16000 }, default))
            frames.Add((TtsAudio)e);
        return frames;
    }

    [Fact]
    public async Task Whole_frames_pass_through_and_pieces_become_one_run_of_the_frames_they_complete()
    {
        var whole = Piece(320, 1);
        var threeWhole = Piece(960, 4);
        var frames = await FramesAsync(new PiecesVoice(whole, Piece(100, 2), Piece(540, 3), threeWhole));

        Assert.Equal(3, frames.Count);
        Assert.Same(whole, frames[0]);
        // 100 + 540 samples complete two frames: one run of 640.
        Assert.Equal(Enumerable.Repeat((short)2, 100).Concat(Enumerable.Repeat((short)3, 540)), frames[1].Frame.Samples.ToArray());
        Assert.Equal(16000, frames[1].Frame.SampleRate);
        Assert.Same(threeWhole, frames[2]);
    }

    [Fact]
    public async Task A_piece_short_of_a_frame_waits_for_the_next()
    {
        var frames = await FramesAsync(new PiecesVoice(Piece(100, 1), Piece(100, 2), Piece(120, 3)));

        var only = Assert.Single(frames);
        Assert.Equal(Enumerable.Repeat((short)1, 100).Concat(Enumerable.Repeat((short)2, 100)).Concat(Enumerable.Repeat((short)3, 120)),
            only.Frame.Samples.ToArray());
    }

    [Fact]
    public async Task A_whole_frame_behind_a_leftover_is_cut_not_passed_and_the_end_is_padded()
    {
        var whole = Piece(320, 2);
        var frames = await FramesAsync(new PiecesVoice(Piece(100, 1), whole));

        Assert.Equal(2, frames.Count);
        Assert.NotSame(whole, frames[0]);
        Assert.Equal(Enumerable.Repeat((short)1, 100).Concat(Enumerable.Repeat((short)2, 220)), frames[0].Frame.Samples.ToArray());
        Assert.Equal(Enumerable.Repeat((short)2, 100).Concat(Enumerable.Repeat((short)0, 220)), frames[1].Frame.Samples.ToArray());
    }

    [Fact]
    public async Task A_frame_at_another_rate_is_resampled_not_passed()
    {
        var other = Piece(441, 1000, rate: 22050);
        var frames = await FramesAsync(new PiecesVoice(other));

        Assert.DoesNotContain(frames, f => ReferenceEquals(f, other));
        Assert.All(frames, f => Assert.Equal(16000, f.Frame.SampleRate));
        Assert.All(frames, f => Assert.Equal(0, f.Frame.Samples.Length % 320));
        // 20 ms at 22,050 Hz is 20 ms at 16 kHz, padded to one whole frame.
        Assert.Equal(320, frames.Sum(f => f.Frame.Samples.Length));
    }
}
