using System.Threading.Channels;
using Parley.Core.Conversations;

namespace Parley.Core.Calls.Session;

public sealed partial class CallSession
{
    /// <summary>
    /// The text one reply hands its voice. Normally one stream from the first chunk to the last; a blocking tool message
    /// closes it, waits until its audio has played, and opens a new one for the rest of the reply.
    /// </summary>
    private sealed class ReplySpeech
    {
        private readonly CallSession _session;
        private readonly ResponseHandle _handle;
        private Channel<string> _text = null!;
        private Task _voicing = null!;

        public ReplySpeech(CallSession session, ResponseHandle handle)
        {
            _session = session;
            _handle = handle;
            Open();
        }

        public void Write(string chunk) => _text.Writer.TryWrite(chunk);

        /// <summary>No more text (again: harmless).</summary>
        public void Complete() => _text.Writer.TryComplete();

        /// <summary>No more text: waits until the voice has handed over the audio of all it was given.</summary>
        public Task FinishAsync()
        {
            Complete();
            return _voicing;
        }

        /// <summary>
        /// Waits until everything said so far has played; false when it never will (the voice failed, the reply was
        /// interrupted or the call ended). The reply goes on speaking afterwards on a fresh voice stream.
        /// </summary>
        public async Task<bool> HearOutAsync()
        {
            await FinishAsync();
            if (_handle.Failed || _handle.Cancelled) return false;
            var played = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _session._pacer.Mark(_handle.Id, played);
            try
            {
                await played.WaitOrCancelAsync(_handle.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            Open();
            return true;
        }

        private void Open()
        {
            _text = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
            _voicing = _session.SpeakAsync(_handle, _text.Reader);
        }
    }
}
