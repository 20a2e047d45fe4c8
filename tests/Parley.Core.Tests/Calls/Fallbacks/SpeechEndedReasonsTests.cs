using Parley.Core.Calls.Fallbacks;

namespace Parley.Core.Tests.Calls.Fallbacks;

// Invariant: the endedReason for a failed voice or transcriber is one of Vapi's enum values, spelled as Vapi spells it.
public class SpeechEndedReasonsTests
{
    [Theory]
    [InlineData("deepgram", "pipeline-error-deepgram-voice-failed")]
    [InlineData("11labs", "pipeline-error-eleven-labs-voice-failed")]
    [InlineData("openai", "pipeline-error-openai-voice-failed")]
    [InlineData("cartesia", "pipeline-error-cartesia-voice-failed")]
    [InlineData("custom-voice", "pipeline-error-custom-voice-failed")]
    [InlineData("espeak", "pipeline-error-vapi-voice-failed")]
    [InlineData(null, "pipeline-error-vapi-voice-failed")]
    public void Voice_failed(string? provider, string reason) => Assert.Equal(reason, SpeechEndedReasons.VoiceFailed(provider));

    [Theory]
    [InlineData("deepgram", "pipeline-error-deepgram-transcriber-failed")]
    [InlineData("11labs", "pipeline-error-eleven-labs-transcriber-failed")]
    [InlineData("openai", "pipeline-error-openai-transcriber-failed")]
    [InlineData("cartesia", "pipeline-error-cartesia-transcriber-failed")]
    [InlineData("azure", "pipeline-error-azure-speech-transcriber-failed")]
    [InlineData("custom-transcriber", "pipeline-error-custom-transcriber-failed")]
    [InlineData("pocketsphinx", "pipeline-error-vapi-transcriber-failed")]
    [InlineData(null, "pipeline-error-vapi-transcriber-failed")]
    public void Transcriber_failed(string? provider, string reason) => Assert.Equal(reason, SpeechEndedReasons.TranscriberFailed(provider));
}
