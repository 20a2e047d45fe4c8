using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Stt;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Fallbacks;

/// <summary>
/// A transcriber with a fallback plan (Vapi <c>transcriber.fallbackPlan.transcribers</c>): transcribes with the first
/// candidate and, when it fails (an <see cref="SttFailed"/> event or an exception), starts the next one, replays the
/// caller audio it kept so the words in flight are not lost, and carries on with the live audio. Only when every
/// candidate has failed does the stream end with one <see cref="SttFailed"/> naming them all.
/// </summary>
/// <remarks>
/// The replay buffer holds the audio since the last final transcript, capped at <c>replayLimit</c> (oldest dropped),
/// and only while a candidate is left to take over. A lone transcriber reads the caller's frames directly: one that
/// falls more than a lane's length (1.28 s) behind loses the oldest audio, where a chain's feed would queue it.
/// With word timings a final drops the audio up to its last word's end; without them it drops everything, since
/// there is no way to tell which audio the final covered. Word timings of a replacement engine are shifted onto the
/// timeline of the whole stream, so consumers see one clock whichever engine is speaking.
/// </remarks>
public sealed class FallbackSpeechToText : ISpeechToText
{
    /// <summary>How much caller audio is kept for a replacement engine unless told otherwise.</summary>
    public static readonly TimeSpan DefaultReplayLimit = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<SttCandidate> _candidates;
    private readonly TimeSpan _replayLimit;
    private int _current;
    private AudioFeed? _feed;

    public FallbackSpeechToText(IReadOnlyList<SttCandidate> candidates, SpeechProviderUsage usage, TimeSpan? replayLimit = null)
    {
        if (candidates.Count == 0) throw new ArgumentException("A fallback transcriber needs at least one candidate.", nameof(candidates));
        _candidates = candidates;
        _replayLimit = replayLimit ?? DefaultReplayLimit;
        Usage = usage;
    }

    /// <summary>Where the providers this transcriber used are recorded.</summary>
    public SpeechProviderUsage Usage { get; }

    /// <summary>The candidate transcribing now (or the next stream's first).</summary>
    public SttCandidate Current => _candidates[Volatile.Read(ref _current)];

    /// <summary>Caller frames the running stream keeps for a replacement transcriber (0 when none is running).</summary>
    internal int FramesKeptForReplay => Volatile.Read(ref _feed)?.KeptFrames ?? 0;

    public SttCapabilities Capabilities => Current.Engine.Capabilities;

    public async IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var streamCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A lone transcriber has no one to replay to: it reads the caller's frames as they come, with no copy, lock or
        // queue per frame. Only a chain pumps the audio through a feed that can hand it on.
        var feed = _candidates.Count > 1 ? new AudioFeed(_replayLimit) : null;
        var direct = feed is null ? new WatchedAudio(audio) : null;
        if (feed is not null)
        {
            Volatile.Write(ref _feed, feed);
            _ = feed.PumpAsync(audio, streamCts.Token);
        }
        try
        {
            var errors = new List<string>();
            var anyTransient = false;
            for (var index = Volatile.Read(ref _current); index < _candidates.Count; index++)
            {
                var candidate = _candidates[index];
                Volatile.Write(ref _current, index);
                Usage.Started(SpeechRole.Transcriber, candidate.Provider);
                // The last candidate has no one to replay to: nothing is kept for it, so frames die young.
                var (input, origin) = feed?.Attach(keepForReplay: index + 1 < _candidates.Count) ?? (direct!.ReadAsync, TimeSpan.Zero);
                var engineOptions = candidate.Options with { SampleRate = options.SampleRate };
                SttFailed? failure;
                await using (var engine = new EngineAttempt<TranscriptEvent>(ct => candidate.Engine.TranscribeAsync(input(ct), engineOptions, ct),
                    e => e is SttFailed, FromException, streamCts.Token, cancellationToken))
                {
                    while (await engine.NextAsync() is { } next)
                    {
                        switch (next)
                        {
                            case TranscriptFinal final:
                                feed?.Settled(final, origin);
                                yield return origin == TimeSpan.Zero ? final : (final with { Words = Shift(final.Words, origin) });
                                break;
                            case TranscriptPartial interim when origin != TimeSpan.Zero:
                                yield return interim with { Words = Shift(interim.Words, origin) };
                                break;
                            default:
                                yield return next;
                                break;
                        }
                    }
                    failure = (SttFailed?)engine.Failure;
                }

                // A broken audio source is not the transcriber's fault; switching would only fail the same way.
                if ((feed?.Fault ?? direct?.Fault) is { } fault) ExceptionDispatchInfo.Throw(fault);
                if (failure is null) yield break;

                anyTransient |= failure.Kind == ProviderFailureKind.Transient;
                errors.Add($"{candidate.Provider}: {failure.Message}");
                if (index + 1 < _candidates.Count)
                    Usage.Switched(SpeechRole.Transcriber, candidate.Provider, _candidates[index + 1].Provider, failure.Message);
                else
                    Usage.Failed(SpeechRole.Transcriber, candidate.Provider, failure.Message);
            }
            yield return new SttFailed(anyTransient ? ProviderFailureKind.Transient : ProviderFailureKind.Permanent,
                "Every transcriber failed. " + string.Join("; ", errors), _candidates[^1].Provider);
        }
        finally
        {
            await streamCts.CancelAsync();
            feed?.Detach();
            // The finished stream's feed and the audio it kept go with it.
            Interlocked.CompareExchange(ref _feed, null, feed);
        }
    }

    private static IReadOnlyList<TranscriptWord> Shift(IReadOnlyList<TranscriptWord> words, TimeSpan by) =>
        [.. words.Select(w => w with { Start = w.Start + by, End = w.End + by })];

    private static SttFailed FromException(Exception ex) => new(ProviderFailureKind.Transient, $"{ex.GetType().Name}: {ex.Message}");

    /// <summary>
    /// The caller audio as a lone transcriber reads it, remembering a failure of the audio itself: that one is the
    /// source's fault, not the engine's, and goes to the caller as it is.
    /// </summary>
    private sealed class WatchedAudio(IAsyncEnumerable<AudioFrame> audio)
    {
        public Exception? Fault { get; private set; }

        public async IAsyncEnumerable<AudioFrame> ReadAsync([EnumeratorCancellation] CancellationToken ct)
        {
            await using var frames = audio.GetAsyncEnumerator(ct);
            while (true)
            {
                try
                {
                    if (!await frames.MoveNextAsync()) yield break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Fault = ex;
                    throw;
                }
                yield return frames.Current;
            }
        }
    }

    /// <summary>
    /// Reads the caller audio once and hands it to whichever engine is attached, keeping the unsettled part for a
    /// replacement. One lock orders live frames against a switch, so no frame is lost or sent twice.
    /// </summary>
    private sealed class AudioFeed(TimeSpan replayLimit)
    {
        public int KeptFrames
        {
            get { lock (_gate) return _buffer.Count; }
        }

        private readonly object _gate = new();
        private readonly Queue<(AudioFrame Frame, TimeSpan Start)> _buffer = new();
        private TimeSpan _buffered;
        private TimeSpan _position;
        private bool _ended;
        private bool _keepForReplay = true;
        private Channel<AudioFrame>? _target;

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
        /// the buffer is emptied into the input and stays empty.
        /// </summary>
        public (Func<CancellationToken, IAsyncEnumerable<AudioFrame>> Input, TimeSpan Origin) Attach(bool keepForReplay)
        {
            lock (_gate)
            {
                _target?.Writer.TryComplete();
                var channel = Channel.CreateUnbounded<AudioFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                var origin = _buffer.TryPeek(out var first) ? first.Start : _position;
                foreach (var (frame, _) in _buffer) channel.Writer.TryWrite(frame);
                _keepForReplay = keepForReplay;
                if (!keepForReplay)
                {
                    _buffer.Clear();
                    _buffered = TimeSpan.Zero;
                }
                if (_ended) channel.Writer.TryComplete();
                _target = channel;
                return (channel.Reader.ReadAllAsync, origin);
            }
        }

        /// <summary>Drops the audio a final transcript covered: it will not need to be heard again.</summary>
        public void Settled(TranscriptFinal final, TimeSpan origin)
        {
            lock (_gate)
            {
                if (final.Words.Count == 0)
                {
                    _buffer.Clear();
                    _buffered = TimeSpan.Zero;
                    return;
                }
                var cut = origin + final.Words[^1].End;
                while (_buffer.TryPeek(out var oldest) && oldest.Start + oldest.Frame.Duration <= cut) DropOldest();
            }
        }

        public void Detach()
        {
            lock (_gate)
            {
                _target?.Writer.TryComplete();
                _target = null;
            }
        }

        private void Push(AudioFrame frame)
        {
            // The producer may reuse its buffers once the frame is handed on, and this one may be replayed later.
            var copy = new AudioFrame(frame.Samples.ToArray(), frame.SampleRate, frame.Timestamp);
            lock (_gate)
            {
                if (_keepForReplay)
                {
                    _buffer.Enqueue((copy, _position));
                    _buffered += copy.Duration;
                    while (_buffered > replayLimit && _buffer.Count > 1) DropOldest();
                }
                _position += copy.Duration;
                _target?.Writer.TryWrite(copy);
            }
        }

        private void DropOldest()
        {
            _buffered -= _buffer.Dequeue().Frame.Duration;
        }
    }
}
