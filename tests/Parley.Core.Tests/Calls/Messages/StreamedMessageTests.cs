using System.Buffers;
using System.Text;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Transport;
using Parley.Core.Json;

namespace Parley.Core.Tests.Calls.Messages;

public sealed class StreamedMessageTests
{
    private const string Awkward = "Grüße <b>&</b> \"quoted\" + a\\b\nnew line 😀";

    public static TheoryData<string, string> Messages() => new()
    {
        { "transcript-partial", """{"type":"transcript","role":"user","transcriptType":"partial","transcript":"Grüße <b>&</b> \"quoted\" + a\\b\nnew line \uD83D\uDE00"}""" },
        { "transcript-final", """{"type":"transcript","role":"assistant","transcriptType":"final","transcript":"Grüße <b>&</b> \"quoted\" + a\\b\nnew line \uD83D\uDE00"}""" },
        { "speech-started", """{"type":"speech-update","status":"started","role":"user","turn":3}""" },
        { "speech-stopped", """{"type":"speech-update","status":"stopped","role":"assistant","turn":0}""" },
        { "model-output", """{"type":"model-output","output":"Grüße <b>&</b> \"quoted\" + a\\b\nnew line \uD83D\uDE00","turnId":"9007199254740993"}""" },
    };

    private static StreamedMessage Named(string name) => name switch
    {
        "transcript-partial" => StreamedMessage.Transcript("user", false, Awkward),
        "transcript-final" => StreamedMessage.Transcript("assistant", true, Awkward),
        "speech-started" => StreamedMessage.SpeechUpdate(true, "user", 3),
        "speech-stopped" => StreamedMessage.SpeechUpdate(false, "assistant", 0),
        _ => StreamedMessage.ModelOutput(Awkward, 9007199254740993),
    };

    private static string Wire(in StreamedMessage message)
    {
        var bytes = VapiWebSocketSerializer.RentMessage(in message, out var length);
        var text = Encoding.UTF8.GetString(bytes, 0, length);
        ArrayPool<byte>.Shared.Return(bytes);
        return text;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Written_from_its_fields_it_is_the_message_vapi_clients_read_and_the_same_bytes_as_its_tree(string name, string expected)
    {
        var message = Named(name);

        Assert.Equal(expected, Wire(message));
        Assert.Equal(expected, JsonText.Of(message.ToJsonObject()));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_timestamp_comes_last_in_both_forms(string name, string expected)
    {
        var message = Named(name).WithTimestamp(1_700_000_000_123);
        var stamped = expected[..^1] + ""","timestamp":1700000000123}""";

        Assert.Equal(stamped, Wire(message));
        Assert.Equal(stamped, JsonText.Of(message.ToJsonObject()));
        Assert.Equal(1_700_000_000_123, message.Timestamp);
    }

    private sealed class TreeOnlySink : ICallMessageSink
    {
        public readonly List<System.Text.Json.Nodes.JsonObject> Trees = [];
        public void Publish(System.Text.Json.Nodes.JsonObject message) => Trees.Add(message);
    }

    [Fact]
    public void A_sink_that_takes_only_trees_gets_the_streamed_message_as_its_tree()
    {
        var sink = new TreeOnlySink();

        ((ICallMessageSink)sink).Publish(StreamedMessage.SpeechUpdate(true, "user", 2).WithTimestamp(5));

        Assert.Equal("""{"type":"speech-update","status":"started","role":"user","turn":2,"timestamp":5}""", JsonText.Of(Assert.Single(sink.Trees)));
    }

    [Fact]
    public void Type_and_transcript_type_are_read_without_a_tree()
    {
        Assert.Equal("transcript", StreamedMessage.Transcript("user", true, "hi").Type);
        Assert.Equal("final", StreamedMessage.Transcript("user", true, "hi").TranscriptType);
        Assert.Equal("partial", StreamedMessage.Transcript("user", false, "hi").TranscriptType);
        Assert.Equal("speech-update", StreamedMessage.SpeechUpdate(true, "user", 1).Type);
        Assert.Null(StreamedMessage.SpeechUpdate(true, "user", 1).TranscriptType);
        Assert.Equal("model-output", StreamedMessage.ModelOutput("x", 1).Type);
        Assert.Null(StreamedMessage.ModelOutput("x", 1).Timestamp);
    }

    [Fact]
    public void Writing_a_streamed_message_to_the_wire_allocates_nothing_where_its_tree_would()
    {
        var message = StreamedMessage.Transcript("user", false, "so I was wondering about the opening hours").WithTimestamp(1_700_000_000_000);
        // Warm the thread's writer and the pool's bucket.
        for (var i = 0; i < 3; i++) ArrayPool<byte>.Shared.Return(VapiWebSocketSerializer.RentMessage(in message, out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) ArrayPool<byte>.Shared.Return(VapiWebSocketSerializer.RentMessage(in message, out _));
        var streamed = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) ArrayPool<byte>.Shared.Return(VapiWebSocketSerializer.RentMessage(message.ToJsonObject(), out _));
        var tree = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, streamed);
        Assert.True(tree > 100 * 200, $"the tree path allocated {tree} bytes for 100 messages");
    }
}
