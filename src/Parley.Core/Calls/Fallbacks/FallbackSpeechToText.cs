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
    private FallbackAudioFeed? _feed;

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
        var feed = _candidates.Count > 1 ? new FallbackAudioFeed(_replayLimit) : null;
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
                                feed?.Settled(final.Words, origin);
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
}
