using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// A transcript, speech-update or model-output: the messages a call publishes many times a turn (one per token, one per
/// partial transcript), held as plain fields so a transport writes them straight to the wire instead of building a JSON
/// tree for each. <see cref="ToJsonObject"/> gives the same message as a tree for whoever needs one (webhooks,
/// listeners); both write the fields in the same order, with the timestamp last when there is one.
/// </summary>
public readonly struct StreamedMessage : IJsonWritable
{
    private readonly StreamedMessageKind _kind;
    private readonly string? _role;
    // A transcript's "final", a speech-update's "started": one field, since a message is only ever one kind.
    private readonly bool _finalOrStarted;
    private readonly string? _text;
    // A speech-update's turn, a model-output's turnId.
    private readonly long _turn;

    private StreamedMessage(StreamedMessageKind kind, string? role, bool flag, string? text, long turn, long? timestamp)
    {
        _kind = kind;
        _role = role;
        _finalOrStarted = flag;
        _text = text;
        _turn = turn;
        Timestamp = timestamp;
    }

    /// <summary>role user or assistant; a partial or final transcript.</summary>
    public static StreamedMessage Transcript(string role, bool final, string text) => new(StreamedMessageKind.Transcript, role, final, text, 0, null);

    public static StreamedMessage SpeechUpdate(bool started, string role, int turn) => new(StreamedMessageKind.SpeechUpdate, role, started, null, turn, null);

    /// <param name="turnId">The reply the token belongs to (Vapi's turnId, the same on user-interrupted when it is cut off).</param>
    public static StreamedMessage ModelOutput(string output, long turnId) => new(StreamedMessageKind.ModelOutput, null, false, output, turnId, null);

    /// <summary>Vapi's message type.</summary>
    public string Type => _kind switch
    {
        StreamedMessageKind.Transcript => "transcript",
        StreamedMessageKind.SpeechUpdate => "speech-update",
        _ => "model-output",
    };

    /// <summary>"partial" or "final" for a transcript; null for the others (what a <c>transcript[transcriptType="final"]</c> subscription reads).</summary>
    public string? TranscriptType => _kind == StreamedMessageKind.Transcript ? (_finalOrStarted ? "final" : "partial") : null;

    /// <summary>When it was published, in Unix milliseconds, once a router has stamped it.</summary>
    public long? Timestamp { get; }

    public StreamedMessage WithTimestamp(long unixMilliseconds) => new(_kind, _role, _finalOrStarted, _text, _turn, unixMilliseconds);

    /// <summary>Writes the bare message object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, Type);
        switch (_kind)
        {
            case StreamedMessageKind.Transcript:
                writer.WriteString("role"u8, _role);
                writer.WriteString("transcriptType"u8, TranscriptType);
                writer.WriteString("transcript"u8, _text);
                break;
            case StreamedMessageKind.SpeechUpdate:
                writer.WriteString("status"u8, _finalOrStarted ? "started"u8 : "stopped"u8);
                writer.WriteString("role"u8, _role);
                writer.WriteNumber("turn"u8, _turn);
                break;
            default:
                writer.WriteString("output"u8, _text);
                WriteTurnId(writer, _turn);
                break;
        }
        if (Timestamp is { } timestamp) writer.WriteNumber("timestamp"u8, timestamp);
        writer.WriteEndObject();
    }

    /// <summary>The same message as a JSON tree.</summary>
    public JsonObject ToJsonObject()
    {
        var message = _kind switch
        {
            StreamedMessageKind.Transcript => CallMessages.Transcript(_role!, _finalOrStarted, _text!),
            StreamedMessageKind.SpeechUpdate => CallMessages.SpeechUpdate(_finalOrStarted, _role!, (int)_turn),
            _ => CallMessages.ModelOutput(_text!, _turn),
        };
        if (Timestamp is { } timestamp) message["timestamp"] = timestamp;
        return message;
    }

    public override string ToString() => JsonText.Of(ToJsonObject());

    // Vapi's turnId is a string; written from a stack buffer, since model-output goes out once per token.
    private static void WriteTurnId(Utf8JsonWriter writer, long turnId)
    {
        Span<byte> digits = stackalloc byte[20];
        System.Buffers.Text.Utf8Formatter.TryFormat(turnId, digits, out var length);
        writer.WriteString("turnId"u8, digits[..length]);
    }

    private enum StreamedMessageKind
    {
        Transcript,
        SpeechUpdate,
        ModelOutput,
    }
}
