using System.Text.Json.Nodes;
using Parley.Core.Calls.Audio;
using Parley.Core.Llm;

namespace Parley.Core.Calls.Stt;

/// <summary>A streaming speech-to-text engine: caller audio in, partial and final transcripts out.</summary>
public interface ISpeechToText
{
    SttCapabilities Capabilities { get; }

    /// <summary>
    /// Transcribes the audio as it arrives. Failures come as a final <see cref="SttFailed"/> event instead of
    /// an exception; the stream ends when the audio ends or the token is cancelled. A frame's buffer may be reused
    /// once the next frame has been asked for, and about a second after it was handed over in any case (caller audio
    /// comes in recycled buffers, which a pool may hand to another call): an engine that keeps audio longer, or may wait
    /// that long before using it, copies it.
    /// </summary>
    IAsyncEnumerable<TranscriptEvent> TranscribeAsync(IAsyncEnumerable<AudioFrame> audio, SttOptions options, CancellationToken cancellationToken);
}

/// <summary>What an STT engine supports.</summary>
public sealed record SttCapabilities(bool Partials, bool WordTimings, IReadOnlyList<int> SampleRates);

/// <summary>Settings for one transcription stream, from the assistant's <c>transcriber</c> block.</summary>
public sealed record SttOptions
{
    public int SampleRate { get; init; } = 16000;
    public string? Language { get; init; }
    public string? Model { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string? ApiKey { get; init; }
    /// <summary>The transcriber block as the client sent it, for provider-specific fields.</summary>
    public JsonObject? Raw { get; init; }
}

/// <summary>Something the STT engine reported.</summary>
public abstract record TranscriptEvent;

/// <summary>A word with its timing relative to the start of the audio stream.</summary>
public sealed record TranscriptWord(string Text, TimeSpan Start, TimeSpan End, double Confidence = 1);

/// <summary>An interim hypothesis that a later partial or final replaces.</summary>
public sealed record TranscriptPartial(string Text, IReadOnlyList<TranscriptWord> Words) : TranscriptEvent;

/// <summary>A settled piece of transcript.</summary>
public sealed record TranscriptFinal(string Text, IReadOnlyList<TranscriptWord> Words, double Confidence = 1) : TranscriptEvent;

/// <summary>
/// The engine failed; nothing follows. <see cref="Provider"/> names the provider that failed last when the engine
/// knows it (a fallback plan does), so the call's endedReason can name it.
/// </summary>
public sealed record SttFailed(ProviderFailureKind Kind, string Message, string? Provider = null) : TranscriptEvent;
