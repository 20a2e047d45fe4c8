using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Session;

namespace Parley.Server.Calls;

/// <summary>The assistant's paced audio on its way to the transport, copied to the tap (recording, listeners).</summary>
public sealed class TappedAudioOutput(ICallAudioOutput transport, CallAudioTap tap) : ICallAudioOutput
{
    public void Write(AudioFrame frame)
    {
        tap.Assistant(frame.Samples.Span);
        transport.Write(frame);
    }
}

/// <summary>The caller's audio on its way into the session, copied to the tap first.</summary>
public sealed class TappedCallInput(ICallInput session, CallAudioTap tap) : ICallInput
{
    public void PushCallerAudio(AudioFrame frame)
    {
        tap.Customer(frame.Samples.Span);
        session.PushCallerAudio(frame);
    }

    public void Receive(JsonObject controlMessage) => session.Receive(controlMessage);

    public void End(string endedReason) => session.End(endedReason);
}
