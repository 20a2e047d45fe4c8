using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Messages;

/// <summary>A message that writes itself as JSON: what the serializer takes, generic so a struct is never boxed.</summary>
internal interface IWritableMessage
{
    void WriteTo(Utf8JsonWriter writer);
}

/// <summary>A message built as a JSON tree.</summary>
internal readonly struct TreeMessage(JsonObject message) : IWritableMessage
{
    public void WriteTo(Utf8JsonWriter writer) => message.WriteTo(writer);
}
