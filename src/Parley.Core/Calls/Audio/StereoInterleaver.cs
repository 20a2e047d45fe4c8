namespace Parley.Core.Calls.Audio;

/// <summary>Interleaves two mono tracks into stereo for recordings: customer on channel 0, assistant on channel 1.</summary>
public static class StereoInterleaver
{
    /// <summary>
    /// Writes <c>max(customer, assistant)</c> stereo sample pairs; the shorter track is padded with silence.
    /// Returns the number of shorts written.
    /// </summary>
    public static int Interleave(ReadOnlySpan<short> customer, ReadOnlySpan<short> assistant, Span<short> stereo)
    {
        int frames = Math.Max(customer.Length, assistant.Length);
        if (stereo.Length < frames * 2) throw new ArgumentException("stereo is too short", nameof(stereo));
        for (int i = 0; i < frames; i++)
        {
            stereo[2 * i] = i < customer.Length ? customer[i] : (short)0;
            stereo[2 * i + 1] = i < assistant.Length ? assistant[i] : (short)0;
        }
        return frames * 2;
    }
}
