using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Transport;

/// <summary>The table-driven G.711 μ-law codec of <see cref="MuLaw"/> behind the transport's codec interface.</summary>
public sealed class G711MulawCodec : IMulawCodec
{
    public void Decode(ReadOnlySpan<byte> mulaw, Span<short> pcm) => MuLaw.Decode(mulaw, pcm);

    public void Encode(ReadOnlySpan<short> pcm, Span<byte> mulaw) => MuLaw.Encode(pcm, mulaw);
}
