using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Transport;

/// <summary>What one inbound <c>vapi.websocket</c> frame turned out to be.</summary>
public abstract record VapiWireMessage;

/// <summary>Caller audio.</summary>
public sealed record VapiWireAudio(AudioFrame Frame) : VapiWireMessage;

/// <summary>A JSON control message (say, add-message, control, end-call, transfer...).</summary>
public sealed record VapiWireControl(JsonObject Message) : VapiWireMessage;

/// <summary>A frame that could not be understood; the call goes on without it.</summary>
public sealed record VapiWireMalformed(string Reason) : VapiWireMessage;
