using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Json;

/// <summary>
/// JSON as Node's <c>JSON.stringify</c> writes it (no escaping of '+', '&lt;', '&amp;' or non-ASCII, though characters
/// beyond the Basic Multilingual Plane come out as escaped surrogate pairs), which Vapi's clients and webhook receivers see: one writer setting for every message Parley sends, the frozen parts of a
/// message included, so a message never mixes two escaping styles.
/// </summary>
public static class JsonText
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One writer per thread, reset for each value: a fresh Utf8JsonWriter asks its buffer for 4 KB at the first write,
    // which made every history entry of every call cost that much garbage.
    [ThreadStatic] private static RentedBufferWriter? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    [ThreadStatic] private static bool t_writing;

    /// <summary>The node's JSON as UTF-8 bytes.</summary>
    public static byte[] Utf8Of(JsonNode node) => Utf8Of(new WritableNode(node));

    /// <summary>The value's JSON as UTF-8 bytes of their own.</summary>
    internal static byte[] Utf8Of<TValue>(TValue value) where TValue : IJsonWritable
    {
        var rented = Rent(value, out var length);
        var bytes = rented.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(rented);
        return bytes;
    }

    /// <summary>The node's JSON as text.</summary>
    public static string Of(JsonNode node)
    {
        var rented = Rent(new WritableNode(node), out var length);
        var text = Encoding.UTF8.GetString(rented, 0, length);
        ArrayPool<byte>.Shared.Return(rented);
        return text;
    }

    /// <summary>
    /// The value's JSON in an array rented from <see cref="ArrayPool{T}.Shared"/>, for the caller to return: written
    /// straight into it, so a message that is sent costs no copy.
    /// </summary>
    internal static byte[] Rent<TValue>(TValue value, out int length) where TValue : IJsonWritable
    {
        // A value whose writing writes another (a converter calling back here) gets writers of its own.
        if (t_writing) return RentFresh(value, out length);
        var buffer = t_buffer ??= new RentedBufferWriter();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        t_writing = true;
        try
        {
            value.WriteTo(writer);
            EnsureFinished(writer);
            writer.Flush();
        }
        catch
        {
            // A value that cannot be written leaves nothing half-written behind for the thread's next one.
            var partial = buffer.Detach(out _);
            if (partial.Length > 0) ArrayPool<byte>.Shared.Return(partial);
            throw;
        }
        finally
        {
            t_writing = false;
        }
        return buffer.Detach(out length);
    }

    private static byte[] RentFresh<TValue>(TValue value, out int length) where TValue : IJsonWritable
    {
        var buffer = new RentedBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            value.WriteTo(writer);
            EnsureFinished(writer);
        }
        return buffer.Detach(out length);
    }

    // The writer checks each token but not that the value was closed: one left open would otherwise pass, and frozen
    // bytes are written again unchecked wherever they go.
    private static void EnsureFinished(Utf8JsonWriter writer)
    {
        if (writer.CurrentDepth != 0) throw new InvalidOperationException($"a JSON value was left unfinished ({writer.CurrentDepth} level(s) still open)");
    }
}
