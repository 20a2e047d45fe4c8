using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.Tests.Json;

public sealed class JsonTextTests
{
    private static JsonObject Entry() => new()
    {
        ["role"] = "bot",
        ["message"] = "Grüße <b>&</b> + 😀",
        ["time"] = 1_700_000_000_000L,
        ["secondsFromStart"] = 1.25,
    };

    [Fact]
    public void Writes_as_node_does_without_escaping_non_ascii_or_html_characters()
    {
        const string expected = """{"role":"bot","message":"Grüße <b>&</b> + \uD83D\uDE00","time":1700000000000,"secondsFromStart":1.25}""";

        Assert.Equal(expected, JsonText.Of(Entry()));
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(JsonText.Utf8Of(Entry())));
    }

    [Fact]
    public void Costs_only_the_bytes_it_returns()
    {
        var entry = Entry();
        var size = JsonText.Utf8Of(entry).Length;
        for (var i = 0; i < 3; i++) JsonText.Utf8Of(entry);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) JsonText.Utf8Of(entry);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // The returned array (its bytes plus an array header), not a writer and its 4 KB first buffer each time.
        Assert.InRange(perCall, size, size + 32);
    }

    private sealed class Reentrant : System.Text.Json.Serialization.JsonConverter<Reentrant>
    {
        public override Reentrant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Reentrant value, JsonSerializerOptions options) =>
            writer.WriteRawValue(JsonText.Utf8Of(new JsonObject { ["inner"] = true }));
    }

    [Fact]
    public void A_value_that_writes_json_while_it_is_written_gets_its_own_writer()
    {
        var options = new JsonSerializerOptions { Converters = { new Reentrant() }, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Reentrant>)options.GetTypeInfo(typeof(Reentrant));
        var outer = new JsonObject { ["a"] = 1, ["nested"] = JsonValue.Create(new Reentrant(), info), ["b"] = 2 };

        Assert.Equal("""{"a":1,"nested":{"inner":true},"b":2}""", JsonText.Of(outer));
    }

    [Fact]
    public void A_value_that_fails_half_way_leaves_the_next_one_whole_on_the_thread_s_own_writer()
    {
        // Enough text before the fault that the writer has already handed bytes to its buffer.
        var broken = new JsonObject { ["text"] = new string('a', 10_000), ["x"] = JsonValue.Create(double.NaN) };
        var ok = new JsonObject { ["ok"] = true };
        JsonText.Utf8Of(ok);

        Assert.ThrowsAny<ArgumentException>(() => JsonText.Of(broken));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var next = JsonText.Utf8Of(ok);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("""{"ok":true}""", System.Text.Encoding.UTF8.GetString(next));
        // Only the result: the thread's writer is still its own (a fresh writer each time would cost far more).
        Assert.InRange(allocated, next.Length, next.Length + 32);
    }
    private readonly struct LeftOpen : IJsonWritable
    {
        public void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("role", "user");
        }
    }

    [Fact]
    public void A_value_left_unfinished_is_refused_not_frozen_as_broken_json()
    {
        // Frozen bytes are written again unchecked wherever they go: an object left open would break every message after.
        var refused = Assert.Throws<InvalidOperationException>(() => FrozenJson.Of(new LeftOpen()));
        Assert.Equal("a JSON value was left unfinished (1 level(s) still open)", refused.Message);
        Assert.Equal("""{"ok":true}""", JsonText.Of(new JsonObject { ["ok"] = true }));
    }
}
