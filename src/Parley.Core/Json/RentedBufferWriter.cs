using System.Buffers;

namespace Parley.Core.Json;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that writes straight into an array rented from <see cref="ArrayPool{T}.Shared"/>
/// and hands that array over whole (<see cref="Detach"/>): a message is serialized once, into the buffer that is sent
/// and returned, with no copy and no writer that keeps the largest message it ever saw.
/// </summary>
internal sealed class RentedBufferWriter : IBufferWriter<byte>
{
    private const int FirstSize = 1024;
    private byte[] _buffer = [];
    private int _written;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length) throw new InvalidOperationException("advanced past the buffer");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>The rented array holding what was written (the caller returns it to the pool); the writer starts empty.</summary>
    public byte[] Detach(out int length)
    {
        var buffer = _buffer;
        length = _written;
        _buffer = [];
        _written = 0;
        return buffer;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(FirstSize, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
