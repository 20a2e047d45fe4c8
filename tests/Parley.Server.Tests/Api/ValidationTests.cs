using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>
/// Bodies are validated against Vapi's own schemas: every offending field is named by its path in one 400 in
/// Vapi's shape; fields older clients still send are accepted and stored as sent.
/// </summary>
public sealed class ValidationTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    public static TheoryData<string, string, string[]> Invalid => new()
    {
        { "/assistant", """{"maxDurationSeconds":"long"}""", ["maxDurationSeconds must be a number conforming to the specified constraints"] },
        { "/assistant", """{"model":{"provider":"openai","model":"gpt-4o","temperature":3}}""", ["model.temperature must not be greater than 2"] },
        { "/assistant", """{"firstMessageMode":"whenever"}""", ["firstMessageMode must be one of the following values: assistant-speaks-first, assistant-speaks-first-with-model-generated-message, assistant-waits-for-user"] },
        { "/assistant", """{"name":"x","colour":"blue","model":{"provider":"openai","model":"gpt-4o","shiny":true}}""", ["property colour should not exist", "model.property shiny should not exist"] },
        { "/assistant", """{"voice":{"provider":"no-such-voice"}}""", ["voice.provider must be one of the following values: "] },
        { "/assistant", """{"name":"this name is far longer than forty characters in total"}""", ["name must be shorter than or equal to 40 characters"] },
        { "/assistant", """{"maxDurationSeconds":5,"startSpeakingPlan":{"waitSeconds":9}}""", ["maxDurationSeconds must not be less than 10", "startSpeakingPlan.waitSeconds must not be greater than 5"] },
        { "/tool", """{"type":"apiRequest","name":"has spaces!","method":"GET","url":"https://x"}""", ["name must match /^[a-zA-Z0-9_-]{1,40}$/ regular expression"] },
        { "/tool", """{"type":"apiRequest","method":"FETCH"}""", ["url should not be empty", "method must be one of the following values: POST, GET, PUT, PATCH, DELETE"] },
        { "/tool", """{"type":"teleport"}""", ["type must be one of the following values: "] },
        { "/tool", """{"async":true}""", ["type must be one of the following values: "] },
        { "/tool", """{"type":"function","function":{"name":"ok","parameters":{"type":"object","properties":{}}},"messages":[{"type":"request-start","content":5}]}""", ["messages.0.content must be a string"] },
        { "/squad", """{"members":"everyone"}""", ["members must be an array"] },
        { "/squad", """{"name":"empty"}""", ["members must be an array"] },
        { "/squad", """{"members":[]}""", ["members should not be empty"] },
        { "/credential", """{"provider":"openai"}""", ["apiKey should not be empty"] },
        { "/call", """{"transport":{"provider":"vapi.websocket","audioFormat":{"format":"opus","sampleRate":16000}},"assistant":{}}""", ["transport.audioFormat.format must be one of the following values: pcm_s16le, mulaw"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_bodies_name_every_offending_field(string path, string body, string[] expectedStarts)
    {
        var response = (await fixture.App.Client().PostJsonAsync(path, body)).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("Bad Request", response.Object["error"]!.GetValue<string>());
        Assert.Equal(400, response.Object["statusCode"]!.GetValue<int>());
        Assert.Equal(expectedStarts.Length, response.Messages.Count);
        foreach (var expected in expectedStarts)
            Assert.Contains(response.Messages, m => m.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fields_older_clients_send_are_accepted_and_returned_as_sent()
    {
        const string body = """
            {"name":"legacy","serverUrl":"https://old.example.com","serverUrlSecret":"old-secret","silenceTimeoutSeconds":30,
             "messagePlan":{"idleMessages":["Are you there?"],"idleTimeoutSeconds":8,"idleMessageMaxSpokenCount":2},
             "server":{"url":"https://new.example.com","secret":"s"},
             "model":{"provider":"openai","model":"gpt-4o","tools":[{"type":"apiRequest","name":"t","method":"POST","url":"https://x",
               "body":{"type":"object","properties":{"caller":{"type":"string","default":"{{ customer.number }}"}}},
               "headers":{"type":"object","properties":{"Authorization":{"type":"string","value":"Bearer {{userToken}}"}}}}]}}
            """;
        var created = (await fixture.App.Client().PostJsonAsync("/assistant", body)).Expect(HttpStatusCode.Created).Object;
        Assert.Equal("old-secret", created["serverUrlSecret"]!.GetValue<string>());
        Assert.Equal(30, created["silenceTimeoutSeconds"]!.GetValue<int>());
        Assert.Equal("Are you there?", created["messagePlan"]!["idleMessages"]![0]!.GetValue<string>());
        var tool = created["model"]!["tools"]![0]!;
        Assert.Equal("Bearer {{userToken}}", tool["headers"]!["properties"]!["Authorization"]!["value"]!.GetValue<string>());
        Assert.Equal("{{ customer.number }}", tool["body"]!["properties"]!["caller"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public async Task Optional_fields_may_be_null_but_required_ones_may_not()
    {
        (await fixture.App.Client().PostJsonAsync("/assistant", """{"name":null,"firstMessage":null}""")).Expect(HttpStatusCode.Created);
        var response = (await fixture.App.Client().PostJsonAsync("/tool", """{"type":"apiRequest","method":"GET","url":null}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("url should not be empty", response.Messages);
    }

    [Fact]
    public async Task Patch_bodies_are_validated_against_the_update_schema_of_the_stored_type()
    {
        var client = fixture.App.Client();
        var tool = (await client.PostJsonAsync("/tool", """{"type":"apiRequest","method":"GET","url":"https://x"}""")).Expect(HttpStatusCode.Created).Object;
        var response = (await client.PatchJsonAsync($"/tool/{tool["id"]}", """{"timeoutSeconds":1000,"bogus":1}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("timeoutSeconds must not be greater than 300", response.Messages);
        Assert.Contains("property bogus should not exist", response.Messages);
    }
}
