using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Tts;

/// <summary>A streaming text-to-speech engine: text chunks in, audio out.</summary>
public interface ITextToSpeech
{
    TtsCapabilities Capabilities { get; }

    /// <summary>
    /// Speaks the text chunks in order as they arrive. Failures come as a final <see cref="TtsFailed"/> event.
    /// </summary>
    IAsyncEnumerable<TtsEvent> SynthesizeAsync(IAsyncEnumerable<string> text, TtsOptions options, CancellationToken cancellationToken);
}

/// <summary>What a TTS engine supports.</summary>
public sealed record TtsCapabilities(bool StreamingInput, IReadOnlyList<int> SampleRates);

/// <summary>Settings for one synthesis stream, from the assistant's <c>voice</c> block.</summary>
public sealed record TtsOptions
{
    /// <summary>Sample rate the caller wants; adapters convert when the provider cannot produce it.</summary>
    public int SampleRate { get; init; } = 16000;
    public string? VoiceId { get; init; }
    public string? Model { get; init; }
    public string? Language { get; init; }
    public double? Speed { get; init; }
    public string? ApiKey { get; init; }
    /// <summary>The voice block as the client sent it, for provider-specific fields.</summary>
    public JsonObject? Raw { get; init; }

    /// <summary>
    /// Whether the text comes cut by the composer (the call's chunkPlan is on), so each piece should be voiced as it
    /// comes; false: text streams as the model writes it and the provider decides. The same for every voice of a
    /// fallback chain, since one composer feeds them all.
    /// </summary>
    public bool TextChunked { get; init; } = true;
}

/// <summary>Something the TTS engine produced.</summary>
public abstract record TtsEvent;

/// <summary>
/// Audio for the text sent so far: any length from an engine; from <see cref="WireFramedTextToSpeech"/>, a run of one
/// or more whole 20 ms frames at the call's rate, as much as the engine's piece completed.
/// </summary>
public sealed record TtsAudio(AudioFrame Frame) : TtsEvent;

/// <summary>
/// The engine failed; nothing follows. <see cref="Provider"/> names the provider that failed last when the engine
/// knows it (a fallback plan does), so the call's endedReason can name it.
/// </summary>
public sealed record TtsFailed(ProviderFailureKind Kind, string Message, string? Provider = null) : TtsEvent;
