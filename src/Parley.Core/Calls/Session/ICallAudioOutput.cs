using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Session;

/// <summary>Where paced assistant audio goes (the transport). Must not block: it is called once per 20 ms frame.</summary>
public interface ICallAudioOutput
{
    void Write(AudioFrame frame);
}
