using System.Runtime.InteropServices;

namespace Parley.Core.Tests.Support;

/// <summary>Reaches the array behind a frame's samples, so tests can tell a copy from the same buffer.</summary>
public static class SampleBuffers
{
    public static short[] ArrayOf(ReadOnlyMemory<short> samples) =>
        MemoryMarshal.TryGetArray(samples, out var segment) ? segment.Array! : throw new InvalidOperationException("The samples are not array-backed.");
}
