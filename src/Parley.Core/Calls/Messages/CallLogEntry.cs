using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.Calls.Messages;

/// <summary>
/// One message of the call's artifact log, kept as its fields. A JSON tree per message (a dozen small objects) was most
/// of what every call kept alive from one turn to the next, and the GC copied it from generation to generation.
/// </summary>
internal sealed class CallLogEntry : IJsonWritable
{
    public required string Role { get; init; }
    public string? Message { get; init; }
    /// <summary>Unix ms.</summary>
    public required long Time { get; init; }
    /// <summary>Unix ms; spoken messages only.</summary>
    public long? EndTime { get; init; }
    public long? Duration { get; init; }
    public required double SecondsFromStart { get; init; }
    /// <summary>A tool_calls entry's calls, in OpenAI's shape.</summary>
    public JsonArray? ToolCalls { get; init; }
    /// <summary>A tool_call_result entry's call id (its name and result come with it).</summary>
    public string? ToolCallId { get; init; }
    public string? Name { get; init; }
    public string? Result { get; init; }

    /// <summary>Something the caller or the assistant said: a user or bot message with an end time (a background one has none).</summary>
    public bool IsSpoken => Role is "user" or "bot" && EndTime is not null;

    // Field order is Vapi's, and the tree below must say the same.
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, Role);
        if (Message is not null) writer.WriteString("message"u8, Message);
        writer.WriteNumber("time"u8, Time);
        if (EndTime is { } end)
        {
            writer.WriteNumber("endTime"u8, end);
            writer.WriteNumber("duration"u8, Duration ?? 0);
        }
        writer.WriteNumber("secondsFromStart"u8, SecondsFromStart);
        if (ToolCalls is not null)
        {
            writer.WritePropertyName("toolCalls"u8);
            ToolCalls.WriteTo(writer);
        }
        if (ToolCallId is not null)
        {
            writer.WriteString("toolCallId"u8, ToolCallId);
            writer.WriteString("name"u8, Name ?? "");
            writer.WriteString("result"u8, Result ?? "");
        }
        writer.WriteEndObject();
    }

    /// <summary>The entry as a tree of its own, for a caller that reads or changes it.</summary>
    public JsonObject ToJson()
    {
        var entry = new JsonObject { ["role"] = Role };
        if (Message is not null) entry["message"] = Message;
        entry["time"] = Time;
        if (EndTime is { } end)
        {
            entry["endTime"] = end;
            entry["duration"] = Duration ?? 0;
        }
        entry["secondsFromStart"] = SecondsFromStart;
        if (ToolCalls is not null) entry["toolCalls"] = ToolCalls.DeepClone();
        if (ToolCallId is not null)
        {
            entry["toolCallId"] = ToolCallId;
            entry["name"] = Name ?? "";
            entry["result"] = Result ?? "";
        }
        return entry;
    }
}
