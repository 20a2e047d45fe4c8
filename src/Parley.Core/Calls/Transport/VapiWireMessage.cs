using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Transport;

/// <summary>What one inbound <c>vapi.websocket</c> text frame turned out to be (binary frames are caller audio).</summary>
public abstract record VapiWireMessage;

/// <summary>A JSON control message (say, add-message, control, end-call, transfer...).</summary>
public sealed record VapiWireControl(JsonObject Message) : VapiWireMessage;

/// <summary>A frame that could not be understood; the call goes on without it.</summary>
public sealed record VapiWireMalformed(string Reason) : VapiWireMessage;
