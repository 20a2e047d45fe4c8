using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Messages;

namespace Parley.Core.Calls.Transport;

/// <summary>
/// The <c>vapi.websocket</c> wire format: binary frames are mono audio in the negotiated format (both directions),
/// text frames are JSON messages. Independent of any socket, so it is tested on bytes alone.
/// </summary>
public sealed class VapiWebSocketSerializer(AudioWireFormat format, IMulawCodec? mulaw = null)
{
    public AudioWireFormat Format { get; } = format;

    /// <summary>Why a binary frame cannot be caller audio, or null when it can.</summary>
    public string? AudioProblem(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0) return "empty audio frame";
        if (Format.IsMulaw) return mulaw is null ? "mulaw audio needs a codec and none is configured" : null;
        return payload.Length % 2 != 0 ? $"pcm_s16le frame of {payload.Length} bytes is not whole samples" : null;
    }

    /// <summary>Samples in a binary frame of <paramref name="payloadBytes"/> bytes.</summary>
    public int SamplesIn(int payloadBytes) => payloadBytes / Format.SampleSize;

    /// <summary>
    /// Decodes a binary frame that <see cref="AudioProblem"/> accepted into <paramref name="samples"/>
    /// (<see cref="SamplesIn"/> long), allocating nothing: the transport's path for every caller frame.
    /// </summary>
    public void DecodeAudio(ReadOnlySpan<byte> payload, Span<short> samples)
    {
        if (Format.IsMulaw)
        {
            mulaw!.Decode(payload, samples);
            return;
        }
        Pcm16.ToSamples(payload, samples);
    }

    /// <summary>Reads one complete inbound text frame. Never throws on bad input: returns <see cref="VapiWireMalformed"/>.</summary>
    public static VapiWireMessage ReadControl(ReadOnlySpan<byte> payload)
    {
        try
        {
            return JsonNode.Parse(payload) is JsonObject message && message["type"] is JsonValue type && type.TryGetValue<string>(out _)
                ? new VapiWireControl(message)
                : new VapiWireMalformed("text frame is not a JSON object with a string type");
        }
        catch (JsonException e)
        {
            return new VapiWireMalformed("text frame is not JSON: " + e.Message);
        }
    }

    /// <summary>Bytes one outbound frame of <paramref name="samples"/> samples needs.</summary>
    public int AudioSize(int samples) => samples * Format.SampleSize;

    /// <summary>Writes assistant audio into <paramref name="destination"/>; returns the bytes written, or -1 if it cannot.</summary>
    public int WriteAudio(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        var size = AudioSize(samples.Length);
        if (destination.Length < size) return -1;
        if (Format.IsMulaw)
        {
            if (mulaw is null) return -1;
            mulaw.Encode(samples, destination[..size]);
            return size;
        }
        return Pcm16.ToBytes(samples, destination);
    }

    /// <summary>
    /// The UTF-8 text frame for an outbound message (the bare object, no envelope) in a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/>, for the caller to return once sent: calls publish a message per transcript and
    /// per token, and a conversation-update carries the whole history. Written straight into that buffer.
    /// </summary>
    public static byte[] RentMessage(JsonObject message, out int length) => Json.JsonText.Rent(new Json.WritableNode(message), out length);

    /// <summary>As <see cref="RentMessage(JsonObject, out int)"/>, written from the message's fields with no tree.</summary>
    public static byte[] RentMessage(in StreamedMessage message, out int length) => Json.JsonText.Rent(message, out length);
}
