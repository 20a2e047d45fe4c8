using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Session;

/// <summary>
/// Where paced assistant audio goes (the transport). Must not block: it is called once per 20 ms frame. The frame's
/// buffer is reused once Write returns (by any call: playout buffers are shared), so an output that keeps samples
/// copies them.
/// </summary>
public interface ICallAudioOutput
{
    void Write(AudioFrame frame);
}
