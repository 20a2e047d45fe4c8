using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;

namespace Parley.Core.Calls.Fallbacks;

/// <summary>
/// Reads the caller audio once for a chain of transcribers and hands it to whichever engine is attached, keeping the
/// unsettled part for a replacement. One lock orders live frames against a switch, so no frame is lost or sent twice.
/// </summary>
/// <remarks>
/// Each frame is copied twice into buffers from the shared pinned pool, not into new arrays: one copy for the engine,
/// returned when the engine asks for the next frame (every adapter has sent or decoded a frame by then), and one for
/// the replay buffer, returned when a final transcript settles it or it ages out. A switch, which is rare, gives the
/// new engine copies of its own of what was kept; frames an engine leaves unread, and what is kept when the stream
/// ends, go back too. Only 20 ms frames are pooled: a client may send frames of any size, and a pool bin per size would
/// be pinned memory for the life of the process at the client's choosing; other sizes get plain arrays.
/// </remarks>
internal sealed class FallbackAudioFeed(TimeSpan replayLimit, SampleBufferPool? buffers = null)
{
    private readonly FrameBuffers _buffers = new(buffers ?? SampleBufferPool.Shared);
    private readonly object _gate = new();
    private readonly Queue<(AudioFrame Frame, TimeSpan Start)> _buffer = new();
    private TimeSpan _buffered;
    private TimeSpan _position;
    private bool _ended;
    private bool _keepForReplay = true;
    private Channel<AudioFrame>? _target;

    public int KeptFrames
    {
        get { lock (_gate) return _buffer.Count; }
    }

    public Exception? Fault { get; private set; }

    public async Task PumpAsync(IAsyncEnumerable<AudioFrame> audio, CancellationToken ct)
    {
        try
        {
            await foreach (var frame in audio.WithCancellation(ct)) Push(frame);
        }
        catch (Exception ex)
        {
            lock (_gate) Fault = ex;
        }
        finally
        {
            lock (_gate)
            {
                _ended = true;
                _target?.Writer.TryComplete();
            }
        }
    }

    /// <summary>
    /// A fresh input for the next engine, starting with the replay buffer; the origin is where on the stream's
    /// timeline that input begins (its word timings count from there). Without <paramref name="keepForReplay"/>
    /// the buffer is handed to the input and stays empty.
    /// </summary>
    public (Func<CancellationToken, IAsyncEnumerable<AudioFrame>> Input, TimeSpan Origin) Attach(bool keepForReplay)
    {
        lock (_gate)
        {
            _target?.Writer.TryComplete();
            var channel = Channel.CreateUnbounded<AudioFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var origin = _buffer.TryPeek(out var first) ? first.Start : _position;
            // The buffer may still need its frames for the engine after this one: this engine gets copies.
            foreach (var (frame, _) in _buffer) channel.Writer.TryWrite(keepForReplay ? Copy(frame) : frame);
            _keepForReplay = keepForReplay;
            if (!keepForReplay)
            {
                _buffer.Clear();
                _buffered = TimeSpan.Zero;
            }
            if (_ended) channel.Writer.TryComplete();
            _target = channel;
            return (ct => ReadAsync(channel.Reader, ct), origin);
        }
    }

    /// <summary>Drops the audio a final transcript covered: it will not need to be heard again.</summary>
    public void Settled(IReadOnlyList<TranscriptWord> words, TimeSpan origin)
    {
        lock (_gate)
        {
            if (words.Count == 0)
            {
                while (_buffer.Count > 0) DropOldest();
                return;
            }
            var cut = origin + words[^1].End;
            while (_buffer.TryPeek(out var oldest) && oldest.Start + oldest.Frame.Duration <= cut) DropOldest();
        }
    }

    /// <summary>The stream is over: the engine's input ends and nothing more is kept for a replacement.</summary>
    public void Detach()
    {
        lock (_gate)
        {
            _target?.Writer.TryComplete();
            _target = null;
            _keepForReplay = false;
            while (_buffer.Count > 0) DropOldest();
        }
    }

    /// <summary>One caller frame, as the pump feeds it; internal for tests that drive the feed a frame at a time.</summary>
    internal void Push(AudioFrame frame)
    {
        lock (_gate)
        {
            // The producer reuses its buffers once the frame is handed on; this one may be replayed later.
            if (_keepForReplay)
            {
                var kept = Copy(frame);
                _buffer.Enqueue((kept, _position));
                _buffered += kept.Duration;
                while (_buffered > replayLimit && _buffer.Count > 1) DropOldest();
            }
            _position += frame.Duration;
            _target?.Writer.TryWrite(Copy(frame));
        }
    }

    /// <summary>The frames of one engine's input; each buffer goes back to the pool once the engine asks for the next.</summary>
    private async IAsyncEnumerable<AudioFrame> ReadAsync(ChannelReader<AudioFrame> reader, [EnumeratorCancellation] CancellationToken ct)
    {
        AudioFrame? held = null;
        try
        {
            while (await reader.WaitToReadAsync(ct))
            {
                while (reader.TryRead(out var frame))
                {
                    if (held is { } done) Return(done);
                    held = frame;
                    yield return frame;
                }
            }
        }
        finally
        {
            if (held is { } last) Return(last);
            // The engine is done (it ended, failed or was replaced): what it left unread goes back too. Only this
            // reader reads the channel, so nothing it drains is in use.
            while (reader.TryRead(out var unread)) Return(unread);
        }
    }

    private AudioFrame Copy(AudioFrame frame)
    {
        if (_buffers.Rent(frame.SampleRate, frame.Samples.Length) is not { } buffer) return frame with { Samples = frame.Samples.ToArray() };
        frame.Samples.Span.CopyTo(buffer);
        return frame with { Samples = buffer };
    }

    private void Return(AudioFrame frame)
    {
        if (MemoryMarshal.TryGetArray(frame.Samples, out var segment) && segment.Array is { } array && segment.Offset == 0)
            _buffers.Return(array, frame.SampleRate);
    }

    private void DropOldest()
    {
        var (frame, _) = _buffer.Dequeue();
        _buffered -= frame.Duration;
        Return(frame);
    }
}
