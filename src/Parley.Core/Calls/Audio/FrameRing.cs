namespace Parley.Core.Calls.Audio;

/// <summary>
/// Sample buffers for one producer of caller frames, reused in turn: the buffer of frame k serves again for frame
/// k + <see cref="Slots"/>. The producer picks a slot count its consumers never lag behind (for caller audio,
/// <see cref="Session.CallSession.CallerFrameBuffers"/>). Nothing is allocated once each slot has been used at the
/// largest frame size. Single producer only.
/// </summary>
public sealed class FrameRing
{
    private readonly short[][] _buffers;
    private int _next;

    public FrameRing(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        _buffers = new short[slots][];
        for (var i = 0; i < slots; i++) _buffers[i] = [];
    }

    public int Slots => _buffers.Length;

    /// <summary>The next buffer, <paramref name="length"/> samples long; its old contents are overwritten by the caller.</summary>
    public Memory<short> Take(int length)
    {
        ref var buffer = ref _buffers[_next];
        // A slot grows to the largest frame it has carried and keeps that size, so steady frames never allocate. It
        // lives as long as the call: on the pinned heap no GC copies it (500 calls' rings, promoted gen0 -> gen1 -> gen2,
        // were most of what each collection copied while calls were starting).
        if (buffer.Length < length) buffer = GC.AllocateUninitializedArray<short>(length, pinned: true);
        _next = _next + 1 == _buffers.Length ? 0 : _next + 1;
        return buffer.AsMemory(0, length);
    }
}
