using Parley.Core.Calls.Messages;

namespace Parley.Core.Tests.Calls.Messages;

// Invariant: the endedReason for a failed model is one of Vapi's enum values: the provider's own name with the status
// Vapi names, llm-failed otherwise, and Vapi's own for a provider Vapi does not list.
public class ModelEndedReasonsTests
{
    [Theory]
    [InlineData("openai", null, "pipeline-error-openai-llm-failed")]
    [InlineData("openai", 401, "pipeline-error-openai-401-unauthorized")]
    [InlineData("anthropic", 429, "pipeline-error-anthropic-429-exceeded-quota")]
    [InlineData("custom-llm", 400, "pipeline-error-custom-llm-400-bad-request-validation-failed")]
    [InlineData("groq", 403, "pipeline-error-groq-403-model-access-denied")]
    [InlineData("google", 503, "pipeline-error-google-503-server-overloaded-error")]
    [InlineData("deep-seek", 502, "pipeline-error-deep-seek-500-server-error")]
    [InlineData("openai", 404, "pipeline-error-openai-llm-failed")]
    [InlineData("OpenAI", 500, "pipeline-error-openai-500-server-error")]
    [InlineData("ollama", 401, "pipeline-error-vapi-401-unauthorized")]
    [InlineData(null, null, "pipeline-error-vapi-llm-failed")]
    public void Model_failed(string? provider, int? status, string reason) => Assert.Equal(reason, ModelEndedReasons.ModelFailed(provider, status));
}
