using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Json;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// The model's history in OpenAI's format, as conversation-updates carry it: each message serialized once, the first
/// time it is published, and written as those bytes at every later update. Messages are immutable records, so one
/// still in its place (the same instance) has the same JSON; from the first one replaced (a reply cut to what was
/// heard), the rest are serialized again.
/// </summary>
public sealed class FrozenHistory
{
    private readonly List<(ChatMessage Message, FrozenJson Json)> _known = [];

    /// <summary>The history as a JSON array to write (not to index: see <see cref="FrozenJson"/>).</summary>
    public JsonArray Snapshot(IReadOnlyList<ChatMessage> history)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (i < _known.Count && !ReferenceEquals(_known[i].Message, history[i])) _known.RemoveRange(i, _known.Count - i);
            if (i == _known.Count) _known.Add((history[i], FrozenJson.Of(OpenAiMessages.ToJson(history[i]))));
        }
        if (_known.Count > history.Count) _known.RemoveRange(history.Count, _known.Count - history.Count);
        return FrozenJson.ArrayOf(_known, m => m.Json);
    }
}
