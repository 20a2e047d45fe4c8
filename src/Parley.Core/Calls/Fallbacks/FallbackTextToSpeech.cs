using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Parley.Core.Calls.Tts;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Fallbacks;

/// <summary>
/// A voice with a fallback plan (Vapi <c>voice.fallbackPlan.voices</c>): speaks with the first candidate and, when
/// it fails (a <see cref="TtsFailed"/> event or an exception), moves on to the next one and re-speaks the part of the
/// reply that had not been spoken yet. One instance serves one call; later replies start on the candidate that last
/// worked. Only when every candidate has failed does the reply end with one <see cref="TtsFailed"/> naming them all.
/// </summary>
/// <remarks>
/// Engines report audio, not which chunk it belongs to, so "already spoken" is inferred, and the rule leans towards
/// saying a chunk twice rather than dropping it:
/// <list type="bullet">
/// <item>Chunk-by-chunk engines (<see cref="TtsCapabilities.StreamingInput"/> false: OpenAI, Deepgram, Cartesia,
/// eSpeak) finish a chunk's audio before they ask for the next, so a chunk counts as spoken once the engine asks for
/// the chunk after it.</item>
/// <item>Streaming-input engines (ElevenLabs) may read text ahead of their audio, so a chunk counts as spoken only
/// when the engine asks for the next chunk after producing audio since it was handed the chunk, and only if every
/// earlier chunk counted too. An engine that reads the whole reply before speaking never gets credit, and its
/// successor says the reply from the start.</item>
/// </list>
/// The chunk in progress at the failure and every later one go to the next candidate; audio yielded before the
/// failure stays yielded.
/// </remarks>
public sealed class FallbackTextToSpeech : ITextToSpeech
{
    private readonly IReadOnlyList<TtsCandidate> _candidates;
    private readonly string?[] _errors;
    private int _current;

    public FallbackTextToSpeech(IReadOnlyList<TtsCandidate> candidates, SpeechProviderUsage usage)
    {
        if (candidates.Count == 0) throw new ArgumentException("A fallback voice needs at least one candidate.", nameof(candidates));
        _candidates = candidates;
        _errors = new string?[candidates.Count];
        Usage = usage;
    }

    /// <summary>Where the providers this voice used are recorded.</summary>
    public SpeechProviderUsage Usage { get; }

    /// <summary>The candidate the next reply starts on.</summary>
    public TtsCandidate Current => _candidates[Volatile.Read(ref _current)];

    public TtsCapabilities Capabilities => Current.Engine.Capabilities;

    public async IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var replyCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The text is read once, by one pump, so a failed engine that is still waiting for text cannot steal a chunk
        // from its successor; every attempt reads the same list by position.
        var reply = new ReplyText();
        _ = reply.PumpAsync(text, replyCts.Token);
        try
        {
            var start = Volatile.Read(ref _current);
            var firstUnspoken = 0;
            var anyTransient = false;
            for (var index = start; index < _candidates.Count; index++)
            {
                var candidate = _candidates[index];
                Usage.Started(SpeechRole.Voice, candidate.Provider);
                var attempt = new Attempt(reply, firstUnspoken, !candidate.Engine.Capabilities.StreamingInput);
                var engineOptions = candidate.Options with { SampleRate = options.SampleRate };
                TtsFailed? failure;
                await using (var engine = new EngineAttempt<TtsEvent>(ct => candidate.Engine.SynthesizeAsync(attempt.ReadAsync(ct), engineOptions, ct),
                    e => e is TtsFailed, FromException, replyCts.Token, cancellationToken))
                {
                    while (await engine.NextAsync() is { } next)
                    {
                        if (next is TtsAudio) attempt.AudioArrived();
                        yield return next;
                    }
                    failure = (TtsFailed?)engine.Failure;
                }

                // A broken text source is not the voice's fault; switching would only fail the same way.
                if (reply.Fault is { } fault) ExceptionDispatchInfo.Throw(fault);
                if (failure is null)
                {
                    Volatile.Write(ref _current, index);
                    yield break;
                }

                anyTransient |= failure.Kind == ProviderFailureKind.Transient;
                _errors[index] = failure.Message;
                firstUnspoken = attempt.FirstUnspoken;
                if (index + 1 < _candidates.Count)
                    Usage.Switched(SpeechRole.Voice, candidate.Provider, _candidates[index + 1].Provider, failure.Message);
                else
                    Usage.Failed(SpeechRole.Voice, candidate.Provider, failure.Message);
            }
            yield return new TtsFailed(anyTransient ? ProviderFailureKind.Transient : ProviderFailureKind.Permanent, Describe(), _candidates[^1].Provider);
        }
        finally
        {
            await replyCts.CancelAsync();
        }
    }

    private string Describe()
    {
        var parts = new List<string>();
        for (var i = 0; i < _candidates.Count; i++)
            if (_errors[i] is { } error) parts.Add($"{_candidates[i].Provider}: {error}");
        return "Every voice failed. " + string.Join("; ", parts);
    }

    private static TtsFailed FromException(Exception ex) => new(ProviderFailureKind.Transient, $"{ex.GetType().Name}: {ex.Message}");

    /// <summary>The chunks of one reply as they arrive, readable by position by any number of attempts.</summary>
    private sealed class ReplyText
    {
        private readonly object _gate = new();
        private readonly List<string> _chunks = [];
        private bool _done;
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Fault { get; private set; }

        public async Task PumpAsync(IAsyncEnumerable<string> text, CancellationToken ct)
        {
            try
            {
                await foreach (var chunk in text.WithCancellation(ct))
                {
                    lock (_gate) _chunks.Add(chunk);
                    Signal();
                }
            }
            catch (Exception ex)
            {
                lock (_gate) Fault = ex;
            }
            finally
            {
                lock (_gate) _done = true;
                Signal();
            }
        }

        /// <summary>The chunk at <paramref name="index"/>, or null when the reply has no more.</summary>
        public async ValueTask<string?> GetAsync(int index, CancellationToken ct)
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (index < _chunks.Count) return _chunks[index];
                    if (Fault is not null) ExceptionDispatchInfo.Throw(Fault);
                    if (_done) return null;
                    changed = _changed.Task;
                }
                await changed.WaitAsync(ct);
            }
        }

        private void Signal()
        {
            TaskCompletionSource previous;
            lock (_gate)
            {
                previous = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            previous.TrySetResult();
        }
    }

    /// <summary>One candidate's go at a reply: feeds it the chunks and works out how far it got (rule in the remarks).</summary>
    private sealed class Attempt(ReplyText reply, int first, bool chunkByChunk)
    {
        private readonly int _start = first;
        private long _audio;
        private int _firstUnspoken = first;

        public int FirstUnspoken => Volatile.Read(ref _firstUnspoken);

        public void AudioArrived() => Interlocked.Increment(ref _audio);

        public async IAsyncEnumerable<string> ReadAsync([EnumeratorCancellation] CancellationToken ct)
        {
            for (var i = _start; ; i++)
            {
                if (await reply.GetAsync(i, ct) is not { } chunk) yield break;
                var audioAtHandover = Interlocked.Read(ref _audio);
                yield return chunk;
                // Running again means the engine asked for the chunk after this one.
                if (Volatile.Read(ref _firstUnspoken) == i && (chunkByChunk || Interlocked.Read(ref _audio) > audioAtHandover))
                    Volatile.Write(ref _firstUnspoken, i + 1);
            }
        }
    }
}
