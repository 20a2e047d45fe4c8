using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Json;

/// <summary>A value that writes itself as JSON: what <see cref="JsonText"/> takes, generic so a struct is never boxed.</summary>
internal interface IJsonWritable
{
    void WriteTo(Utf8JsonWriter writer);
}

/// <summary>A JSON tree, as an <see cref="IJsonWritable"/>.</summary>
internal readonly struct WritableNode(JsonNode node) : IJsonWritable
{
    public void WriteTo(Utf8JsonWriter writer) => node.WriteTo(writer);
}
