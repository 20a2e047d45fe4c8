using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// Receives the call's Vapi-shaped messages (the bare object, e.g. <c>{"type":"status-update",...}</c>); the server
/// posts them as server messages and writes them to client sockets. Called on the session loop: must not block.
/// </summary>
public interface ICallMessageSink
{
    void Publish(JsonObject message);
}
