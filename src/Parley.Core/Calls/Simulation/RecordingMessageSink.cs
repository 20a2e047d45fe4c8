using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;

namespace Parley.Core.Calls.Simulation;

/// <summary>
/// Keeps every message a simulated call publishes, stamped with the virtual time, as the JSON it would be on the wire
/// read back: what a client would see, whatever nodes it was built from (a conversation-update's messages are written
/// from frozen JSON and cannot be indexed as published).
/// </summary>
public sealed class RecordingMessageSink(TimeProvider clock, DateTimeOffset origin) : ICallMessageSink
{
    private readonly List<RecordedMessage> _messages = [];
    public IReadOnlyList<RecordedMessage> Messages => _messages;

    public void Publish(JsonObject message) =>
        _messages.Add(new RecordedMessage(clock.GetUtcNow() - origin, JsonNode.Parse(message.ToJsonString())!.AsObject()));

    public IReadOnlyList<RecordedMessage> OfType(string type) => _messages.Where(m => m.Type == type).ToList();
}
