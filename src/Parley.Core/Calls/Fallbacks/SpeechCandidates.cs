using Parley.Core.Calls.Stt;
using Parley.Core.Calls.Tts;

namespace Parley.Core.Calls.Fallbacks;

/// <summary>
/// One voice in a fallback chain: the provider's name as Vapi spells it (<c>11labs</c>, <c>openai</c>...), its engine,
/// and its own options (voiceId, model, apiKey). The sample rate is the call's, not the candidate's.
/// </summary>
public sealed record TtsCandidate(string Provider, ITextToSpeech Engine, TtsOptions Options);

/// <summary>
/// One transcriber in a fallback chain: the provider's name as Vapi spells it, its engine and its own options.
/// The sample rate is the call's, not the candidate's.
/// </summary>
public sealed record SttCandidate(string Provider, ISpeechToText Engine, SttOptions Options);
