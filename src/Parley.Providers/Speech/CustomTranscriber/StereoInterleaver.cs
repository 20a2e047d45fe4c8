using System.Buffers.Binary;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;

namespace Parley.Providers.Speech.CustomTranscriber;

/// <summary>
/// Pairs each customer frame with the same number of assistant samples (silence when the assistant is quiet)
/// and writes them as interleaved stereo s16le: channel 0 customer, channel 1 assistant.
/// </summary>
internal sealed class StereoInterleaver(ChannelReader<AudioFrame>? assistant)
{
    private ReadOnlyMemory<short> _assistantPending;
    private byte[] _wire = new byte[1280];

    /// <summary>Returns the bytes to send; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Interleave(ReadOnlySpan<short> customer)
    {
        var needed = customer.Length * 4;
        if (_wire.Length < needed) _wire = new byte[needed];
        var span = _wire.AsSpan(0, needed);
        for (var i = 0; i < customer.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(i * 4)..], customer[i]);
            BinaryPrimitives.WriteInt16LittleEndian(span[(i * 4 + 2)..], NextAssistantSample());
        }
        return _wire.AsMemory(0, needed);
    }

    private short NextAssistantSample()
    {
        while (_assistantPending.IsEmpty)
        {
            if (assistant is null || !assistant.TryRead(out var frame)) return 0;
            _assistantPending = frame.Samples;
        }
        var s = _assistantPending.Span[0];
        _assistantPending = _assistantPending[1..];
        return s;
    }
}
