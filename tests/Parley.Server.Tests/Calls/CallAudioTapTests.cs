using Parley.Core.Calls.Audio;
using Parley.Server.Calls;

namespace Parley.Server.Tests.Calls;

public sealed class CallAudioTapTests
{
    private static short[] Tone(int samples, int rate) =>
        [.. Enumerable.Range(0, samples).Select(i => (short)(12000 * Math.Sin(2 * Math.PI * 440 * i / rate)))];

    private static short[] Samples(ReadOnlyMemory<byte> block)
    {
        var samples = new short[block.Length / 2];
        Pcm16.ToSamples(block.Span, samples);
        return samples;
    }

    [Fact]
    public void A_listener_who_joins_late_hears_silence_as_silence_not_the_tail_of_earlier_audio()
    {
        // At 8 kHz the listen stream is resampled to 16 kHz, so the resamplers carry history between frames.
        using var tap = new CallAudioTap(8000, recordingPath: null);
        var tone = Tone(160, 8000);
        // An earlier listener heard the tone and left; the call went on with nobody listening.
        var leave = tap.Listen(_ => { });
        for (var i = 0; i < 5; i++) tap.Customer(tone);
        leave();
        for (var i = 0; i < 5; i++) tap.Customer(new short[160]);

        var blocks = new List<short[]>();
        tap.Listen(block => blocks.Add(Samples(block)));
        tap.Customer(new short[160]);
        tap.Customer(new short[160]);

        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, block => Assert.All(block, sample => Assert.Equal(0, sample)));
    }

    [Fact]
    public void A_listener_hears_the_caller_on_channel_0_at_16_kHz()
    {
        using var tap = new CallAudioTap(8000, recordingPath: null);
        var blocks = new List<short[]>();
        tap.Listen(block => blocks.Add(Samples(block)));
        var tone = Tone(160, 8000);
        for (var i = 0; i < 10; i++) tap.Customer(tone);

        var stereo = blocks.SelectMany(b => b).ToArray();
        var customer = stereo.Where((_, i) => i % 2 == 0).ToArray();
        var assistant = stereo.Where((_, i) => i % 2 == 1).ToArray();
        // 200 ms at 16 kHz, less the resampler's start-up delay.
        Assert.InRange(customer.Length, 3000, 3200);
        Assert.True(customer.Skip(100).Max(s => Math.Abs((int)s)) > 8000, "the caller's tone is missing");
        Assert.All(assistant, s => Assert.Equal(0, s));
    }
}
