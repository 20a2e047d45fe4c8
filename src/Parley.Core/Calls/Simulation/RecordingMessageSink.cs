using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;

namespace Parley.Core.Calls.Simulation;

/// <summary>Keeps every message a simulated call publishes, stamped with the virtual time.</summary>
public sealed class RecordingMessageSink(TimeProvider clock, DateTimeOffset origin) : ICallMessageSink
{
    private readonly List<RecordedMessage> _messages = [];
    public IReadOnlyList<RecordedMessage> Messages => _messages;

    public void Publish(JsonObject message) => _messages.Add(new RecordedMessage(clock.GetUtcNow() - origin, message));

    public IReadOnlyList<RecordedMessage> OfType(string type) => _messages.Where(m => m.Type == type).ToList();
}
