using System.Threading.Channels;
using Parley.Core.Calls.Audio;
using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Pacer;
using Parley.Core.Conversations;

namespace Parley.Core.Calls.Session;

/// <summary>
/// One live call. All of its state is owned by a single loop that reads the urgent channel before the flow channel,
/// so nothing is locked; providers and timers only post events. Time comes only from the injected clock.
/// </summary>
public sealed partial class CallSession : IPacerListener, ICallInput
{
    private readonly CallSessionServices _services;
    private readonly TimeProvider _clock;
    private readonly CallPlan _plan;
    private readonly ITurnEndPolicy _turnEndPolicy;
    private readonly ConversationContext _context;
    private readonly ICallMessageSink _messages;
    private readonly Channel<UrgentCallEvent> _urgent = Channel.CreateUnbounded<UrgentCallEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<FlowCallEvent> _flow = Channel.CreateUnbounded<FlowCallEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Doorbell _doorbell = new();
    private readonly CallerAudioLane _sttAudio = new(CallerAudioLaneCapacity);
    private readonly CallerAudioLane _vadAudio = new(CallerAudioLaneCapacity);
    private readonly CancellationTokenSource _callCts = new();
    private AudioPacer _pacer = null!;
    private CallLog _log = null!;
    private readonly FrozenHistory _publishedHistory = new();
    private DateTimeOffset _startedAt;
    private string? _endedReason;
    // Set while a call.ending hook's say is said: the reason the call will end with.
    private string? _ending;
    private bool _endingHooksRan;
    private bool _customerMuted;

    /// <summary>
    /// Caller frames each listener lane (VAD, STT) holds at most (1.28 s of 20 ms frames); when one falls further
    /// behind, its oldest frames go. Producers that recycle frame buffers (<see cref="Audio.FrameRing"/>) rely on this bound.
    /// </summary>
    public const int CallerAudioLaneCapacity = 64;

    /// <summary>
    /// Buffers a producer of caller frames recycles (<see cref="Audio.FrameRing"/>): twice a lane's capacity, so a frame is
    /// intact when the slowest lane reaches it, with one lane's worth (1.28 s at 20 ms) to spare for whoever takes it
    /// from there. Safe because every consumer copies what it keeps as it reads (the VAD's slicer, the call's audio
    /// tap, a transcriber chain's feed). A lone transcriber reads the frames themselves, so an STT engine uses or copies
    /// each frame before it asks for the next (every adapter sends or decodes it at once).
    /// </summary>
    public const int CallerFrameBuffers = 2 * CallerAudioLaneCapacity;

    public CallSession(CallSessionServices services)
    {
        _services = services;
        _clock = services.Clock;
        _context = services.Context;
        _messages = services.Messages;
        _plan = services.Plan ?? CallPlan.From(services.Context.Assistant);
        _turnEndPolicy = services.TurnEndPolicy ?? new FixedTurnEndPolicy(_plan.StartSpeakingWait, _plan.TranscriptionEndpointing);
    }

    /// <summary>The conversation history (model format), as the assistant is left with it.</summary>
    public IReadOnlyList<Llm.ChatMessage> History => _context.History;

    /// <summary>The exception that broke the session's loop, if one did (the call then ends as a platform fault).</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Why the call ended; null while it runs.</summary>
    public string? EndedReason => _endedReason;

    /// <summary>
    /// Caller audio from the transport: one producer at a time, any thread; a listener that falls
    /// <see cref="CallerAudioLaneCapacity"/> frames behind loses the oldest.
    /// </summary>
    public void PushCallerAudio(AudioFrame frame)
    {
        if (Volatile.Read(ref _customerMuted)) return;
        _sttAudio.Write(frame);
        _vadAudio.Write(frame);
    }

    /// <summary>A live control message (say, add-message, end-call, control); any thread.</summary>
    public void Receive(System.Text.Json.Nodes.JsonObject controlMessage) => Post(new ControlReceived(controlMessage));

    /// <summary>Ends the call after the assistant finishes what it is saying (endCall tool, transfer); any thread.</summary>
    public void EndAfterReply(string endedReason) => Post(new CallEndAfterReplyRequested(endedReason));

    /// <summary>
    /// Tells the call's listeners it is being transferred (Vapi's <c>status-update</c> with status <c>forwarding</c>, the
    /// destination and the conversation so far); any thread.
    /// </summary>
    public void Forwarding(System.Text.Json.Nodes.JsonObject destination) => Post(new ForwardingStarted(destination));

    /// <summary>Ends the call from outside (socket closed, API); any thread.</summary>
    public void End(string endedReason) => Post(new CallEndRequested(endedReason));

    /// <summary>Runs the call until it ends; returns the endedReason.</summary>
    /// <param name="cancellationToken">The host stopping (Vapi's worker-shutdown); a caller hanging up closes the transport instead.</param>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => End(EndedReasons.WorkerShutdown));
        Start();
        try
        {
            while (_endedReason is null)
            {
                // Audio first: a frame due now is a real-time deadline; everything else can wait a few microseconds.
                // An urgent event still goes after each frame: a pacer catching up after a stall sends frame after
                // frame on consecutive turns, and an interruption that waited through the stall must not wait for all.
                var played = _pacer.Service();
                if (_urgent.Reader.TryRead(out var urgent)) { Handle(urgent); continue; }
                if (played) continue;
                if (_flow.Reader.TryRead(out var flow)) { Handle(flow); continue; }
                // No token here: a cancellable wait resumes on the thread pool, off the call's timeline; ending the call rings the doorbell instead.
                await _doorbell.WaitAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fault = e;
            _endedReason ??= EndedReasons.PlatformFault;
        }
        Finish();
        return _endedReason!;
    }

    private void Start()
    {
        _startedAt = _clock.GetUtcNow();
        _log = new CallLog(_startedAt);
        _pacer = new AudioPacer(_clock, new MutableOutput(this), this, Wake);
        CreateTimers();
        var system = _context.History.FirstOrDefault(m => m.Role == Llm.ChatRole.System);
        if (system?.Content is { Length: > 0 } prompt) _log.System(prompt, _startedAt);
        _messages.Publish(CallMessages.StatusUpdate("in-progress"));
        _messages.Publish(CallMessages.AssistantStarted(_context.Assistant));
        _ = ListenForSpeechAsync();
        _ = ListenForTranscriptsAsync();
        Arm(CallTimer.MaxDuration, _plan.MaxDuration);
        Arm(CallTimer.Silence, _plan.SilenceTimeout);
        StartFirstMessage();
    }

    private void Post(UrgentCallEvent e)
    {
        _urgent.Writer.TryWrite(e);
        Wake();
    }

    private void Post(FlowCallEvent e)
    {
        _flow.Writer.TryWrite(e);
        Wake();
    }

    private void Wake() => _doorbell.Ring();

    private void Handle(CallEvent e)
    {
        switch (e)
        {
            case CallerSpeechStarted s: OnCallerSpeechStarted(s.VoiceHeard); break;
            case CallerSpeechStopped: OnCallerSpeechStopped(); break;
            case TranscriptUpdated t: OnTranscript(t); break;
            case TimerElapsed t: OnTimer(t); break;
            case ControlReceived c: ApplyControl(c.Message); break;
            case CallEndRequested r: EndCall(r.EndedReason); break;
            case CallEndAfterReplyRequested r: OnEndAfterReply(r.EndedReason); break;
            case ForwardingStarted f when _endedReason is null:
                _messages.Publish(CallMessages.Forwarding(f.Destination, _log, _context.Assistant));
                break;
            case ResponseProduced p: OnResponseProduced(p.Handle); break;
            case ResponseTextDelta d when !d.Handle.Cancelled:
                d.Handle.FirstTextAt ??= _clock.GetUtcNow();
                _messages.Publish(StreamedMessage.ModelOutput(d.Text, d.Handle.Id));
                break;
            // Tokens were spent whether or not the reply is still wanted.
            case ResponseConversationEvent { Event: ModelRequestCompleted used }: _log.Usage.ModelAnswered(used.Usage); break;
            case ResponseConversationEvent c when !c.Handle.Cancelled: OnConversationEvent(c.Handle, c.Event); break;
            case ResponseVoiceInput v:
                // Handed to the voice, so used, even when the reply is cancelled before it is heard.
                _log.Usage.Voiced(v.Text);
                if (!v.Handle.Cancelled) _messages.Publish(CallMessages.VoiceInput(v.Text));
                break;
            case EndpointingAdvised a: OnEndpointingAdvised(a); break;
        }
    }

    /// <summary>
    /// Ends the call, unless a call.ending hook has something to say first: then the assistant says it (nothing else
    /// is said meanwhile) and the call ends with this reason once it has been said, or when anything else ends it.
    /// </summary>
    private void EndCall(string reason)
    {
        if (_endedReason is not null) return;
        if (_ending is not null)
        {
            _endedReason = _ending;
            return;
        }
        if (!_endingHooksRan && CanSpeakAtTheEnd(reason))
        {
            _endingHooksRan = true;
            var firstFarewell = _nextResponseId + 1;
            if (RunHooks("call.ending", reason) is { } farewell)
            {
                _ending = reason;
                // What was playing stops, keeping what was heard; every say of the hooks is said, the last one ends the call.
                foreach (var handle in _handles.Values)
                {
                    if (handle.Id >= firstFarewell || handle.Cancelled) continue;
                    CutOff(handle);
                    Settle(handle);
                }
                farewell.EndedReasonAfterSpoken = reason;
                // A voice that never finishes must not hold the call open.
                Arm(CallTimer.MaxDuration, FarewellLimit);
                return;
            }
        }
        _endedReason = reason;
    }

    /// <summary>The longest a call.ending hook's say may hold a call open.</summary>
    private static readonly TimeSpan FarewellLimit = TimeSpan.FromSeconds(30);

    /// <summary>Whether anyone is left to hear a call.ending hook's say: not when the caller hung up or the voice is gone.</summary>
    private static bool CanSpeakAtTheEnd(string reason) =>
        reason is not ("customer-ended-call" or EndedReasons.WorkerShutdown or EndedReasons.PlatformFault)
        && !reason.EndsWith("-voice-failed", StringComparison.Ordinal);

    private void Finish()
    {
        var endedAt = _clock.GetUtcNow();
        if (!_endingHooksRan) RunHooks("call.ending", _endedReason);
        foreach (var handle in _handles.Values) handle.Cancel();
        _callCts.Cancel();
        _sttAudio.Complete();
        _vadAudio.Complete();
        DisposeTimers();
        _pacer.Dispose();
        _messages.Publish(CallMessages.StatusUpdate("ended", _endedReason));
        _messages.Publish(CallMessages.EndOfCallReport(_endedReason!, _log, _context.VariableValues, _startedAt, endedAt, _context.Assistant,
            Json.JsonRead.String(_context.Call?["transport"]?["provider"]) ?? "vapi.websocket"));
    }

    /// <summary>The transport, or nothing while the assistant is muted.</summary>
    private sealed class MutableOutput(CallSession session) : ICallAudioOutput
    {
        public void Write(AudioFrame frame)
        {
            if (!session._assistantMuted) session._services.AudioOutput.Write(frame);
        }
    }
}
