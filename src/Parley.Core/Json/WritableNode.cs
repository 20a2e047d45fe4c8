using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Json;

/// <summary>A JSON tree, as an <see cref="IJsonWritable"/>.</summary>
internal readonly struct WritableNode(JsonNode node) : IJsonWritable
{
    public void WriteTo(Utf8JsonWriter writer) => node.WriteTo(writer);
}
