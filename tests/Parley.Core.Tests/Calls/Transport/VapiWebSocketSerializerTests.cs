using System.Text;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Transport;

namespace Parley.Core.Tests.Calls.Transport;

public class VapiWebSocketSerializerTests
{
    private readonly VapiWebSocketSerializer _pcm = new(new AudioWireFormat("pcm_s16le", 16000));

    /// <summary>A binary frame as the transport reads it: checked, then decoded.</summary>
    private static short[] Decode(VapiWebSocketSerializer serializer, byte[] payload)
    {
        Assert.Null(serializer.AudioProblem(payload));
        var samples = new short[serializer.SamplesIn(payload.Length)];
        serializer.DecodeAudio(payload, samples);
        return samples;
    }

    [Fact]
    public void Binary_frames_are_little_endian_pcm_at_the_negotiated_rate()
    {
        Assert.Equal([1, short.MaxValue, short.MinValue], Decode(_pcm, [0x01, 0x00, 0xFF, 0x7F, 0x00, 0x80]));
        Assert.Equal(16000, _pcm.Format.SampleRate);
    }

    [Fact]
    public void Outbound_audio_round_trips_through_the_wire_bytes()
    {
        short[] samples = [0, -2, 300, short.MinValue];
        var bytes = new byte[_pcm.AudioSize(samples.Length)];

        Assert.Equal(8, _pcm.WriteAudio(samples, bytes));
        Assert.Equal([0x00, 0x00, 0xFE, 0xFF, 0x2C, 0x01, 0x00, 0x80], bytes);
        Assert.Equal(samples, Decode(_pcm, bytes));
    }

    [Fact]
    public void Caller_audio_decodes_into_a_given_buffer_without_allocating()
    {
        var payload = new byte[640];
        payload[0] = 0x34;
        payload[1] = 0x12;
        var samples = new short[_pcm.SamplesIn(payload.Length)];
        Assert.Null(_pcm.AudioProblem(payload));
        _pcm.DecodeAudio(payload, samples);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) _pcm.DecodeAudio(payload, samples);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(320, samples.Length);
        Assert.Equal(0x1234, samples[0]);
        Assert.Equal("pcm_s16le frame of 3 bytes is not whole samples", _pcm.AudioProblem(new byte[3]));
        Assert.Equal("empty audio frame", _pcm.AudioProblem([]));
    }

    [Fact]
    public void Text_frames_are_control_messages()
    {
        var result = Assert.IsType<VapiWireControl>(VapiWebSocketSerializer.ReadControl("""{"type":"say","content":"Hi"}"""u8));

        Assert.Equal("Hi", result.Message["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"no\":\"type\"}")]
    [InlineData("{\"type\":7}")]
    public void Malformed_text_frames_are_values_not_exceptions(string payload)
    {
        Assert.IsType<VapiWireMalformed>(VapiWebSocketSerializer.ReadControl(Encoding.UTF8.GetBytes(payload)));
    }

    [Theory]
    [InlineData("abc", "pcm_s16le frame of 3 bytes is not whole samples")]
    [InlineData("", "empty audio frame")]
    public void Malformed_binary_frames_are_named_not_decoded(string payload, string problem)
    {
        Assert.Equal(problem, _pcm.AudioProblem(Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void Mulaw_without_a_codec_is_reported_as_malformed()
    {
        var mulaw = new VapiWebSocketSerializer(AudioWireFormat.From(new JsonObject { ["audioFormat"] = new JsonObject { ["format"] = "mulaw" } }));

        Assert.Equal(8000, mulaw.Format.SampleRate);
        Assert.Equal("mulaw audio needs a codec and none is configured", mulaw.AudioProblem([0xFF, 0x7F]));
    }

    [Fact]
    public void Mulaw_goes_through_the_codec_seam()
    {
        var mulaw = new VapiWebSocketSerializer(new AudioWireFormat("mulaw", 8000), new OffsetCodec());

        Assert.Equal([101, 102, 103], Decode(mulaw, [1, 2, 3]));
    }

    [Fact]
    public void The_audio_format_defaults_to_16_kHz_pcm()
    {
        Assert.Equal(AudioWireFormat.Default, AudioWireFormat.From(null));
        Assert.Equal(new AudioWireFormat("pcm_s16le", 24000),
            AudioWireFormat.From(new JsonObject { ["audioFormat"] = new JsonObject { ["format"] = "pcm_s16le", ["sampleRate"] = 24000 } }));
    }

    [Fact]
    public void A_message_is_written_as_the_same_utf8_json_into_a_rented_buffer_whatever_its_size()
    {
        var small = new JsonObject { ["type"] = "transcript", ["transcript"] = "Grüße <b> & 'ok' — ½ 🙂", ["n"] = 1.5 };
        var large = new JsonObject { ["type"] = "conversation-update", ["messages"] = new JsonArray(
            Enumerable.Range(0, 2000).Select(i => (JsonNode?)new JsonObject { ["role"] = "user", ["message"] = "turn " + i }).ToArray()) };

        // Each message is its own buffer, intact after the next is written (they are sent later, from a queue).
        var written = new[] { small, large, small }.Select(message => (message, bytes: VapiWebSocketSerializer.RentMessage(message, out var length), length)).ToList();
        try
        {
            // Written as Node's JSON.stringify would (as Vapi's clients see it), but for the emoji: the encoder escapes
            // characters beyond the Basic Multilingual Plane as surrogate pairs, which every JSON reader accepts.
            foreach (var (message, bytes, length) in written) Assert.Equal(Parley.Core.Json.JsonText.Of(message), Encoding.UTF8.GetString(bytes, 0, length));
            Assert.Equal("""{"type":"transcript","transcript":"Grüße <b> & 'ok' — ½ \uD83D\uDE42","n":1.5}""", Encoding.UTF8.GetString(written[0].bytes, 0, written[0].length));
            Assert.Equal(3, written.Select(w => w.bytes).Distinct().Count());
        }
        finally
        {
            foreach (var (_, bytes, _) in written) System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    [Fact]
    public void A_message_that_cannot_be_written_leaves_the_next_one_whole()
    {
        var options = new System.Text.Json.JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        var unwritable = System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<Unwritable>(options, new UnwritableConverter());
        // Long enough that part of it is already in the buffer when the writer fails.
        var broken = new JsonObject { ["type"] = "transcript", ["transcript"] = new string('a', 100_000), ["bad"] = JsonValue.Create(new Unwritable(), unwritable) };
        Assert.Throws<InvalidOperationException>(() => VapiWebSocketSerializer.RentMessage(broken, out _));

        var bytes = VapiWebSocketSerializer.RentMessage(new JsonObject { ["type"] = "hang" }, out var length);

        Assert.Equal("""{"type":"hang"}""", Encoding.UTF8.GetString(bytes, 0, length));
        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
    }

    private sealed class Unwritable;

    private sealed class UnwritableConverter : System.Text.Json.Serialization.JsonConverter<Unwritable>
    {
        public override Unwritable Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(System.Text.Json.Utf8JsonWriter writer, Unwritable value, System.Text.Json.JsonSerializerOptions options) =>
            throw new InvalidOperationException("cannot be written");
    }

    private sealed class OffsetCodec : IMulawCodec
    {
        public void Decode(ReadOnlySpan<byte> mulaw, Span<short> pcm)
        {
            for (var i = 0; i < mulaw.Length; i++) pcm[i] = (short)(mulaw[i] + 100);
        }

        public void Encode(ReadOnlySpan<short> pcm, Span<byte> mulaw)
        {
            for (var i = 0; i < pcm.Length; i++) mulaw[i] = (byte)(pcm[i] - 100);
        }
    }
}
