using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>
/// Turn-taking plans and hooks as the docs write them are accepted everywhere an assistant can be given: POST and
/// PATCH /assistant, and POST /call's transient assistant and assistantOverrides.
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
        ];
    }

    private async Task AcceptedEverywhereAsync(string assistantFields)
    {
        var responses = await SendEverywhereAsync(assistantFields);
        Assert.All(responses, r => Assert.True(r.Response.Status is HttpStatusCode.Created or HttpStatusCode.OK, r.Response.Text));
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
}
