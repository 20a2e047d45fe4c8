using Parley.Core.Conversations;

namespace Parley.Core.Calls.Session;

/// <summary>Something that happened in a call, named as a fact. Urgent events are handled before flow events.</summary>
public abstract record CallEvent;

/// <summary>Handled first and never dropped: speech activity, interruptions, timers, control, the end of the call.</summary>
public abstract record UrgentCallEvent : CallEvent;

/// <summary>Handled in order; those of a cancelled reply are dropped.</summary>
public abstract record FlowCallEvent : CallEvent;

/// <summary>The caller started speaking; <see cref="VoiceHeard"/> of voice preceded the detection.</summary>
public sealed record CallerSpeechStarted(TimeSpan VoiceHeard = default) : UrgentCallEvent;
public sealed record CallerSpeechStopped : UrgentCallEvent;

/// <summary>The STT engine reported caller words (partial or final).</summary>
public sealed record TranscriptUpdated(string Text, bool IsFinal) : UrgentCallEvent;

/// <summary>One of the session's timers went off; <see cref="Generation"/> tells stale ones apart.</summary>
public sealed record TimerElapsed(CallTimer Timer, long Generation) : UrgentCallEvent;

/// <summary>A live control message arrived (say, add-message, end-call, control).</summary>
public sealed record ControlReceived(System.Text.Json.Nodes.JsonObject Message) : UrgentCallEvent;

/// <summary>Someone asked to end the call (socket closed, API, tool).</summary>
public sealed record CallEndRequested(string EndedReason) : UrgentCallEvent;

/// <summary>Something asked to end the call once the assistant has finished speaking (endCall tool, transfer).</summary>
public sealed record CallEndAfterReplyRequested(string EndedReason) : UrgentCallEvent;

/// <summary>The call is being transferred to <see cref="Destination"/>: Vapi's forwarding status goes out.</summary>
public sealed record ForwardingStarted(System.Text.Json.Nodes.JsonObject Destination) : UrgentCallEvent;

/// <summary>A reply finished producing (model, tools, TTS): its text and the new history messages.</summary>
public sealed record ResponseProduced(ResponseHandle Handle) : UrgentCallEvent;

/// <summary>A piece of reply text from the model.</summary>
public sealed record ResponseTextDelta(ResponseHandle Handle, string Text) : FlowCallEvent;

/// <summary>The custom endpointing model's answer for the transcript of <paramref name="Generation"/> (null: none).</summary>
public sealed record EndpointingAdvised(int Generation, TimeSpan? Timeout) : FlowCallEvent;

/// <summary>A piece of a reply's text handed to the voice (Vapi's voice-input).</summary>
public sealed record ResponseVoiceInput(ResponseHandle Handle, string Text) : FlowCallEvent;

/// <summary>Something the conversation runner reported for a reply (tool calls, tool results).</summary>
public sealed record ResponseConversationEvent(ResponseHandle Handle, ConversationEvent Event) : FlowCallEvent;

/// <summary>The session's timers.</summary>
public enum CallTimer { TurnEnd, BargeInVoice, FalseInterruption, Idle, Silence, MaxDuration, Hang }
