using System.Text.Json.Nodes;
using Parley.Core.Calls.Plans;
using Parley.Core.Calls.Turns;

namespace Parley.Core.Tests.Calls.Plans;

/// <summary>An assistant these checks pass is one whose endpointing policy and formatter build; one they fail, the call would refuse.</summary>
public class SpeechPlanChecksTests
{
    private static JsonObject Assistant(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void An_empty_wait_function_is_the_default_and_passes_as_the_call_reads_it()
    {
        var assistant = Assistant("""{"startSpeakingPlan":{"smartEndpointingPlan":{"provider":"livekit","waitFunction":""}}}""");
        Assert.Empty(SpeechPlanChecks.Check(assistant));
        Assert.Contains(EndpointingPolicy.FromPlan(SpeechPlanReader.StartSpeaking(assistant)).Rules, r => r.Name == "smart");
    }

    [Fact]
    public void Each_problem_is_named_by_its_path_under_the_prefix_and_its_index_as_sent()
    {
        var assistant = Assistant("""
            {"startSpeakingPlan":{"smartEndpointingPlan":{"provider":"vapi","waitFunction":"x +"},
              "customEndpointingRules":["not a rule",{"type":"assistant","regex":"(","timeoutSeconds":1}]}}
            """);
        Assert.Equal(
        [
            "assistantOverrides.startSpeakingPlan.smartEndpointingPlan.waitFunction must be a valid expression of x (expected a number, x, a function or '(' at position 3)",
            "assistantOverrides.startSpeakingPlan.customEndpointingRules.1.regex must be a valid regular expression (invalid regex '(': Invalid pattern '(' at offset 1. Not enough )'s.)",
        ], SpeechPlanChecks.Check(assistant, "assistantOverrides."));
        Assert.ThrowsAny<Exception>(() => EndpointingPolicy.FromPlan(SpeechPlanReader.StartSpeaking(assistant)));
    }
}
