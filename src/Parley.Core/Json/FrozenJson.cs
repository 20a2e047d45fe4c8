using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Parley.Core.Json;

/// <summary>
/// A JSON value serialized once and written as those bytes wherever it goes out again. A call's conversation-update
/// carries the whole history every time it grows: as trees, each update deep-copied every message, so a long call's
/// updates cost the square of its length in garbage. As a node (<see cref="AsNode"/>) it writes exactly what the tree
/// it was made from writes through <see cref="JsonText"/>, whatever writer it is written to (write messages with
/// <see cref="JsonText"/> too, or escaping styles mix); a deep copy of that node is an ordinary tree again, but the node
/// itself cannot be indexed: read such a message from its serialized form. Write it with a <see cref="Utf8JsonWriter"/>
/// and no serializer options (options without a resolver for this type cannot write it).
/// </summary>
[JsonConverter(typeof(FrozenJsonConverter))]
public sealed class FrozenJson
{
    private readonly byte[] _utf8;

    private FrozenJson(byte[] utf8) => _utf8 = utf8;

    /// <summary>The node's current JSON; later changes to the node are not seen.</summary>
    public static FrozenJson Of(JsonNode node) => new(JsonText.Utf8Of(node));

    /// <summary>What <paramref name="value"/> writes, written through <see cref="JsonText"/> as a node's would be.</summary>
    internal static FrozenJson Of<TValue>(TValue value) where TValue : IJsonWritable => new(JsonText.Utf8Of(value));

    /// <summary>An array node of the given frozen values, in order.</summary>
    public static JsonArray ArrayOf<T>(IReadOnlyList<T> items, Func<T, FrozenJson> frozen)
    {
        var nodes = new JsonNode?[items.Count];
        for (var i = 0; i < nodes.Length; i++) nodes[i] = frozen(items[i]).AsNode();
        return new JsonArray(nodes);
    }

    /// <summary>A node that writes this JSON: a small wrapper, made fresh for each parent (a node has one).</summary>
    public JsonValue AsNode() => JsonValue.Create(this, FrozenJsonContext.Default.FrozenJson)!;

    /// <summary>
    /// A deep copy of <paramref name="node"/> in which frozen values stay frozen (a new wrapper of the same bytes):
    /// <see cref="JsonNode.DeepClone"/> would write each one out and parse it back into a tree.
    /// </summary>
    public static JsonNode? Copy(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when value.TryGetValue<FrozenJson>(out var frozen):
                return frozen.AsNode();
            case JsonArray array:
                var items = new JsonNode?[array.Count];
                for (var i = 0; i < items.Length; i++) items[i] = Copy(array[i]);
                return new JsonArray(items);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj) copy[key] = Copy(child);
                return copy;
            default:
                return node.DeepClone();
        }
    }

    internal sealed class FrozenJsonConverter : JsonConverter<FrozenJson>
    {
        public override FrozenJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("frozen JSON is only ever written; read what it wrote as ordinary JSON");

        // Bytes this type wrote itself through JsonText, whose writer checks each token and refuses a value left
        // unfinished: valid JSON, so the writer need not check them again.
        public override void Write(Utf8JsonWriter writer, FrozenJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }
}

[JsonSerializable(typeof(FrozenJson))]
internal sealed partial class FrozenJsonContext : JsonSerializerContext;
