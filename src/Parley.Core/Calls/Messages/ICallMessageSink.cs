using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// Receives the call's Vapi-shaped messages (the bare object, e.g. <c>{"type":"status-update",...}</c>); the server
/// posts them as server messages and writes them to client sockets. Called on the session loop: must not block.
/// </summary>
public interface ICallMessageSink
{
    void Publish(JsonObject message);

    /// <summary>
    /// A message published many times a turn. A sink that writes the wire itself overrides this to write the fields
    /// directly; any other gets the message as a tree.
    /// </summary>
    void Publish(in StreamedMessage message) => Publish(message.ToJsonObject());
}
