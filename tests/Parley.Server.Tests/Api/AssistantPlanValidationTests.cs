using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>
/// Turn-taking plans and hooks as the docs write them are accepted everywhere an assistant can be given: POST and
/// PATCH /assistant, POST /call's transient assistant, assistantOverrides and squad, and POST /squad's members.
/// </summary>
public sealed class AssistantPlanValidationTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Transport = """{"provider":"vapi.websocket"}""";

    /// <summary>
    /// The assistant fields posted as an assistant, patched onto one, and sent inline and as overrides with a call, each
    /// response with the path prefix its error messages use.
    /// </summary>
    private async Task<(JsonResponse Response, string Prefix)[]> SendEverywhereAsync(string assistantFields)
    {
        var client = fixture.App.Client();
        var stored = (await client.PostJsonAsync("/assistant", """{"name":"plain"}""")).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
        return
        [
            (await client.PostJsonAsync("/assistant", assistantFields), ""),
            (await client.PatchJsonAsync($"/assistant/{stored}", assistantFields), ""),
            (await client.PostJsonAsync("/call", $$"""{"assistant":{{assistantFields}},"transport":{{Transport}}}"""), "assistant."),
            (await client.PostJsonAsync("/call", $$"""{"assistantId":"{{stored}}","assistantOverrides":{{assistantFields}},"transport":{{Transport}}}"""), "assistantOverrides."),
            (await client.PostJsonAsync("/squad", $$"""{"members":[{"assistantId":"{{stored}}"},{"assistant":{{assistantFields}}}]}"""), "members.1.assistant."),
            (await client.PostJsonAsync("/squad", $$"""{"members":[{"assistantId":"{{stored}}","assistantOverrides":{{assistantFields}}}]}"""), "members.0.assistantOverrides."),
            (await client.PostJsonAsync("/squad", $$"""{"members":[{"assistantId":"{{stored}}"}],"membersOverrides":{{assistantFields}}}"""), "membersOverrides."),
            (await client.PostJsonAsync("/call", $$"""{"squad":{"members":[{"assistant":{{assistantFields}}}]},"transport":{{Transport}}}"""), "squad.members.0.assistant."),
        ];
    }

    private async Task AcceptedEverywhereAsync(string assistantFields, string? example = null)
    {
        var responses = await SendEverywhereAsync(assistantFields);
        Assert.All(responses, r => Assert.True(r.Response.Status is HttpStatusCode.Created or HttpStatusCode.OK, $"{example}: {r.Response.Text}"));
    }

    [Fact]
    public async Task A_customer_endpointing_rule_typed_user_is_accepted_wherever_an_assistant_is_given()
    {
        await AcceptedEverywhereAsync("""
            {"startSpeakingPlan":{"customEndpointingRules":[
              {"type":"assistant","regex":"(phone|email|address)","timeoutSeconds":3.0},
              {"type":"user","regex":"\\d{3}-\\d{3}-\\d{4}","timeoutSeconds":2.0}]}}
            """);
    }

    /// <summary>Every hooks example of the docs' "Assistant hooks" page (seed 002), as written there.</summary>
    public static TheoryData<string, string> DocumentedHooks => new()
    {
        { "transfer to a number on a pipeline error", """
            {"hooks":[{"on":"call.ending","filters":[{"type":"oneOf","key":"call.endedReason","oneOf":["pipeline-error"]}],
              "do":[{"type":"transfer","destination":{"type":"number","number":"+1234567890","callerId":"+1987654321"}}]}]}
            """ },
        { "transfer to a SIP address", """
            {"hooks":[{"on":"call.ending","filters":[{"type":"oneOf","key":"call.endedReason","oneOf":["pipeline-error"]}],
              "do":[{"type":"transfer","destination":{"type":"sip","sipUri":"sip:user@domain.com"}}]}]}
            """ },
        { "say, call a function and transfer", """
            {"hooks":[{"on":"call.ending","filters":[{"type":"oneOf","key":"call.endedReason","oneOf":["pipeline-error"]}],
              "do":[
                {"type":"say","exact":"I apologize for the technical difficulty. Let me transfer you to our support team."},
                {"type":"function","function":{"name":"log_error","parameters":{"type":"object","properties":{"error_type":{"type":"string","value":"pipeline_error"}}},
                  "description":"Logs the error details for monitoring"},"async":true,"server":{"url":"https://your-server.com/api"}},
                {"type":"transfer","destination":{"type":"number","number":"+1234567890","callerId":"+1987654321"}}]}]}
            """ },
        { "assistant speech interrupted", """
            {"hooks":[{"on":"assistant.speech.interrupted","do":[{"type":"say","exact":["Sorry about that","Go ahead","Please continue"]}]}]}
            """ },
        { "customer speech interrupted", """
            {"hooks":[{"on":"customer.speech.interrupted","do":[{"type":"say","exact":"I apologize for interrupting. Please continue."}]}]}
            """ },
        { "Slack report on a failed call", """
            {"hooks":[{"on":"call.ending","filters":[{"type":"oneOf","key":"call.endedReason","oneOf":["pipeline-error"]}],
              "do":[{"type":"function","function":{"name":"report_error","parameters":{"type":"object","properties":{"text":{"type":"string","value":"A call error occurred."}}},
                "description":"Reports a call error to Slack."},"async":false,"server":{"url":""}}]}]}
            """ },
    };

    [Theory]
    [MemberData(nameof(DocumentedHooks))]
    public async Task Every_documented_hook_example_is_accepted_wherever_an_assistant_is_given(string example, string assistantFields)
    {
        await AcceptedEverywhereAsync(assistantFields, example);
    }

    [Fact]
    public async Task What_would_fail_a_call_at_its_socket_is_a_400_naming_the_field_wherever_an_assistant_is_given()
    {
        var responses = await SendEverywhereAsync("""
            {"startSpeakingPlan":{"smartEndpointingPlan":{"provider":"livekit","waitFunction":"2000 / (1 + exp(-10 * (x - 0.5))"},
               "customEndpointingRules":[{"type":"user","regex":"\\d{3}","timeoutSeconds":2},
                 {"type":"both","assistantRegex":"ok","customerRegex":"[a-","timeoutSeconds":2}]},
             "voice":{"provider":"vapi","voiceId":"Elliot","chunkPlan":{"formatPlan":{"replacements":[
               {"type":"exact","key":"a","value":"b"},{"type":"regex","regex":"(unclosed","value":"x"}]}}}}
            """);
        foreach (var (response, prefix) in responses)
        {
            response.Expect(HttpStatusCode.BadRequest);
            Assert.Equal(400, response.Object["statusCode"]!.GetValue<int>());
            Assert.Collection(response.Messages,
                m => Assert.Equal($"{prefix}startSpeakingPlan.smartEndpointingPlan.waitFunction must be a valid expression of x (expected ')' at position 32)", m),
                m => Assert.StartsWith($"{prefix}startSpeakingPlan.customEndpointingRules.1.customerRegex must be a valid regular expression (invalid regex '[a-': ", m),
                m => Assert.StartsWith($"{prefix}voice.chunkPlan.formatPlan.replacements.1.regex must be a valid regular expression (invalid regex '(unclosed': ", m));
        }
    }

    [Fact]
    public async Task The_documented_wait_functions_and_flagged_patterns_are_accepted() =>
        await AcceptedEverywhereAsync("""
            {"startSpeakingPlan":{"smartEndpointingPlan":{"provider":"livekit","waitFunction":"(20 + 500 * sqrt(x) + 2500 * x^3 + 700 + 4000 * max(0, x-0.5)) / 2"},
               "customEndpointingRules":[{"type":"customer","regex":"spell","regexOptions":[{"type":"whole-word","enabled":true},{"type":"ignore-case","enabled":true}],"timeoutSeconds":4}]},
             "voice":{"provider":"vapi","voiceId":"Elliot","chunkPlan":{"formatPlan":{"replacements":[{"type":"regex","regex":"(?i)vapi","value":"Parley"}]}}}}
            """);

    [Fact]
    public async Task Fields_the_call_does_not_use_are_not_refused()
    {
        // A waitFunction only livekit and vapi read: the call of a custom-endpointing-model plan would start, so the
        // assistant is accepted. (A regex field a rule's type does not use is already refused by the schema.)
        await AcceptedEverywhereAsync("""
            {"startSpeakingPlan":{"smartEndpointingPlan":{"provider":"custom-endpointing-model","waitFunction":"2000 / (1 +"}}}
            """);
    }
}
