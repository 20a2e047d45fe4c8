namespace Parley.Core.Calls.Transport;

/// <summary>G.711 μ-law conversion (the audio helpers' codec plugs in here); both spans have one entry per sample.</summary>
public interface IMulawCodec
{
    void Decode(ReadOnlySpan<byte> mulaw, Span<short> pcm);
    void Encode(ReadOnlySpan<short> pcm, Span<byte> mulaw);
}
