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

    /// <summary>The node's JSON as UTF-8 bytes.</summary>
    public static byte[] Utf8Of(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) node.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The node's JSON as text.</summary>
    public static string Of(JsonNode node) => Encoding.UTF8.GetString(Utf8Of(node));
}
