using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.ServerMessages;

/// <summary>
/// The server message types an assistant takes: its <c>serverMessages</c> (or Vapi's default set), the
/// <c>transcript[transcriptType="final"]</c> filter among them, and the request types that are always sent. Read once
/// from the assistant, so a call asks per message with a set lookup rather than a walk over the JSON.
/// </summary>
public sealed class ServerSubscription
{
    private const string FinalTranscripts = "transcript[transcriptType=\"final\"]";
    private readonly IReadOnlySet<string> _types;
    private readonly bool _finalTranscripts;

    private ServerSubscription(IReadOnlySet<string> types, bool finalTranscripts)
    {
        _types = types;
        _finalTranscripts = finalTranscripts;
    }

    public static ServerSubscription Of(JsonObject assistant)
    {
        if (assistant["serverMessages"] is not JsonArray chosen) return new(ServerMessageTypes.DefaultServerMessages, false);
        var names = chosen.Select(JsonRead.String).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new(names, names.Contains(FinalTranscripts));
    }

    /// <summary>Whether a message of this type (and transcriptType, null when it has none) is wanted.</summary>
    public bool Includes(string type, string? transcriptType = null) =>
        ServerMessageTypes.AlwaysSent.Contains(type) || _types.Contains(type) ||
        (_finalTranscripts && type == ServerMessageTypes.Transcript && transcriptType == "final");
}
