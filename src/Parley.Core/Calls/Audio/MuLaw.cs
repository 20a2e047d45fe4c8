namespace Parley.Core.Calls.Audio;

/// <summary>G.711 μ-law codec over spans, table-driven in both directions.</summary>
public static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    // 64 KB encode table indexed by the raw 16-bit sample: one load per sample instead of a segment search.
    private static readonly byte[] EncodeTable = BuildEncodeTable();
    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>Encodes PCM16 samples; <paramref name="destination"/> must be at least as long as the source.</summary>
    public static void Encode(ReadOnlySpan<short> source, Span<byte> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination is too short", nameof(destination));
        var table = EncodeTable;
        for (int i = 0; i < source.Length; i++) destination[i] = table[(ushort)source[i]];
    }

    /// <summary>Decodes μ-law bytes to PCM16; <paramref name="destination"/> must be at least as long as the source.</summary>
    public static void Decode(ReadOnlySpan<byte> source, Span<short> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination is too short", nameof(destination));
        var table = DecodeTable;
        for (int i = 0; i < source.Length; i++) destination[i] = table[source[i]];
    }

    public static byte EncodeSample(short sample) => EncodeTable[(ushort)sample];

    public static short DecodeSample(byte code) => DecodeTable[code];

    /// <summary>The textbook G.711 formula; used to build the table and as the benchmark baseline.</summary>
    public static byte EncodeByFormula(short sample)
    {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) pcm = -pcm;
        if (pcm > Clip) pcm = Clip;
        pcm += Bias;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>The textbook G.711 expansion; used to build the table and as the benchmark baseline.</summary>
    public static short DecodeByFormula(byte code)
    {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
        return (short)((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static byte[] BuildEncodeTable()
    {
        var table = new byte[65536];
        for (int i = 0; i < table.Length; i++) table[i] = EncodeByFormula((short)(ushort)i);
        return table;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int i = 0; i < table.Length; i++) table[i] = DecodeByFormula((byte)i);
        return table;
    }
}
