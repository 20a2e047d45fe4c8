using System.Buffers;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Transport;

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
        _messages.Add(new RecordedMessage(clock.GetUtcNow() - origin, JsonNode.Parse(Json.JsonText.Utf8Of(message))!.AsObject()));

    /// <summary>Recorded as the transport writes it (from its fields, not a tree), so simulations check that path.</summary>
    public void Publish(in StreamedMessage message)
    {
        var bytes = VapiWebSocketSerializer.RentMessage(in message, out var length);
        try
        {
            _messages.Add(new RecordedMessage(clock.GetUtcNow() - origin, JsonNode.Parse(bytes.AsSpan(0, length))!.AsObject()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public IReadOnlyList<RecordedMessage> OfType(string type) => _messages.Where(m => m.Type == type).ToList();
}
