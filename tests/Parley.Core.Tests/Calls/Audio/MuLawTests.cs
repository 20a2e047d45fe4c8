using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Audio;

public class MuLawTests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(1000, 0xCE)]
    public void Known_samples_encode_to_the_G711_codes(short sample, int expected)
    {
        Assert.Equal((byte)expected, MuLaw.EncodeSample(sample));
    }

    [Fact]
    public void Every_code_survives_a_decode_encode_round_trip()
    {
        for (int code = 0; code < 256; code++)
        {
            if (code == 0x7F) continue; // negative zero folds onto positive zero (0xFF)
            Assert.Equal((byte)code, MuLaw.EncodeSample(MuLaw.DecodeSample((byte)code)));
        }
    }

    [Fact]
    public void Span_encoding_matches_the_formula_for_every_sample()
    {
        var all = new short[65536];
        for (int i = 0; i < all.Length; i++) all[i] = (short)(i - 32768);
        var codes = new byte[all.Length];
        MuLaw.Encode(all, codes);
        for (int i = 0; i < all.Length; i++) Assert.Equal(MuLaw.EncodeByFormula(all[i]), codes[i]);
    }

    [Fact]
    public void Decoded_speech_level_signal_stays_within_the_quantisation_error()
    {
        var tone = SignalMath.Sine(440, 8000, 160, 0.3);
        var codes = new byte[160];
        var back = new short[160];
        MuLaw.Encode(tone, codes);
        MuLaw.Decode(codes, back);
        for (int i = 0; i < tone.Length; i++)
            Assert.InRange(Math.Abs(back[i] - tone[i]), 0, Math.Max(8, Math.Abs(tone[i]) / 16));
    }
}
