using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Parley.Core.Calls.Audio;

/// <summary>Conversions between little-endian PCM16 wire bytes and sample spans.</summary>
public static class Pcm16
{
    /// <summary>Reads <c>source.Length / 2</c> samples; returns how many were written.</summary>
    public static int ToSamples(ReadOnlySpan<byte> source, Span<short> destination)
    {
        int count = source.Length / 2;
        if (destination.Length < count) throw new ArgumentException("destination is too short", nameof(destination));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, short>(source[..(count * 2)]).CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(i * 2)..]);
        }
        return count;
    }

    /// <summary>Writes every sample as two little-endian bytes; returns the byte count.</summary>
    public static int ToBytes(ReadOnlySpan<short> source, Span<byte> destination)
    {
        int count = source.Length * 2;
        if (destination.Length < count) throw new ArgumentException("destination is too short", nameof(destination));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < source.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(destination[(i * 2)..], source[i]);
        }
        return count;
    }
}
