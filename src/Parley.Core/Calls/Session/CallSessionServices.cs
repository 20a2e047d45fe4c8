using Parley.Core.Calls.Messages;
using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Tts;
using Parley.Core.Conversations;

namespace Parley.Core.Calls.Session;

/// <summary>Everything one <see cref="CallSession"/> works with; providers and fakes plug in here.</summary>
public sealed record CallSessionServices
{
    public required TimeProvider Clock { get; init; }
    public required ConversationContext Context { get; init; }
    public required ConversationRunner Runner { get; init; }
    public required ISpeechActivitySource SpeechActivity { get; init; }
    public required ISpeechToText Stt { get; init; }
    public required ITextToSpeech Tts { get; init; }
    public required ICallMessageSink Messages { get; init; }
    public required ICallAudioOutput AudioOutput { get; init; }
    public SttOptions SttOptions { get; init; } = new();
    public TtsOptions TtsOptions { get; init; } = new();

    /// <summary>The plan; read from the assistant when null.</summary>
    public CallPlan? Plan { get; init; }

    /// <summary>The endpointing policy; a <see cref="FixedTurnEndPolicy"/> from the plan when null.</summary>
    public ITurnEndPolicy? TurnEndPolicy { get; init; }

    public Func<ITextChunker> ChunkerFactory { get; init; } = () => new SentenceTextChunker();
    public ICallTransfer? Transfer { get; init; }

    /// <summary>Renders Liquid in the fixed messages (first, idle, silence-timeout, say, endCall); they are spoken as written when null.</summary>
    public Templates.ITemplateRenderer? Templates { get; init; }

    public ICallHookToolRunner? HookTools { get; init; }

    /// <summary>smartEndpointingPlan provider custom-endpointing-model: the server that says when the caller's turn is over.</summary>
    public Turns.ICustomEndpointingModel? CustomEndpointing { get; init; }

    /// <summary>The first message as audio to play (firstMessage was an audio file's URL), at the call's rate; null: it is words.</summary>
    public Audio.AudioFrame? FirstMessageAudio { get; init; }

    /// <summary>Told of a fault the call survived (a control message it could not apply, with the exception if one was thrown); the server logs it.</summary>
    public Action<string, Exception?>? ReportFault { get; init; }
}
