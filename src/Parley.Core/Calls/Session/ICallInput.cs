using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Session;

/// <summary>What a transport feeds into a call: caller audio, control messages and the end of the connection.</summary>
public interface ICallInput
{
    void PushCallerAudio(AudioFrame frame);
    void Receive(JsonObject controlMessage);
    void End(string endedReason);
}
