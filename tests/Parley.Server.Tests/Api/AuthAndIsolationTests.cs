using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>
/// Every endpoint but /health needs the org's private key, and every read and write is scoped to that org:
/// another org's id answers 404 exactly like a missing one, for every resource and verb.
/// </summary>
public abstract class AuthAndIsolationTests(AppFixture fixture)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/assistant" }, { "POST", "/assistant" }, { "GET", "/assistant/x" }, { "PATCH", "/assistant/x" }, { "DELETE", "/assistant/x" },
        { "GET", "/tool" }, { "POST", "/tool" }, { "GET", "/squad" }, { "GET", "/phone-number" }, { "GET", "/credential" },
        { "GET", "/call" }, { "POST", "/call" }, { "GET", "/org" }, { "PATCH", "/org/x" },
    };

    [SkippableTheory]
    [MemberData(nameof(Endpoints))]
    public async Task Missing_wrong_or_public_keys_get_401_in_Vapi_shape(string method, string path)
    {
        var app = fixture.App;
        var (_, _, publicKey) = await app.AddOrgAsync();
        var anonymous = app.CreateClient();
        foreach (var client in new[] { anonymous, app.Client("wrong-key"), app.Client(publicKey) })
        {
            var response = (await client.SendAsync(new HttpMethod(method), path, method is "POST" or "PATCH" ? "{}" : null)).Expect(HttpStatusCode.Unauthorized);
            Assert.Equal(401, response.Object["statusCode"]!.GetValue<int>());
            Assert.Equal("Unauthorized", response.Object["error"]!.GetValue<string>());
            Assert.StartsWith("Invalid Key.", response.Messages.Single());
        }
    }

    [SkippableFact]
    public async Task Health_needs_no_key()
    {
        var response = await fixture.App.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> Creatable => new()
    {
        { "/assistant", """{"name":"mine"}""" },
        { "/tool", """{"type":"endCall"}""" },
        { "/squad", """{"members":[{"assistant":{"name":"x"}}]}""" },
        { "/phone-number", """{"provider":"twilio","number":"+15550002222","twilioAccountSid":"AC0002"}""" },
        { "/credential", """{"provider":"openai","apiKey":"sk-1234567890abcdef"}""" },
    };

    [SkippableTheory]
    [MemberData(nameof(Creatable))]
    public async Task Another_orgs_ids_are_404_for_every_verb(string path, string body)
    {
        var app = fixture.App;
        var owner = app.Client();
        var (_, strangerKey, _) = await app.AddOrgAsync();
        var stranger = app.Client(strangerKey);
        var id = (await owner.PostJsonAsync(path, body)).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();

        (await stranger.GetJsonAsync($"{path}/{id}")).Expect(HttpStatusCode.NotFound);
        (await stranger.PatchJsonAsync($"{path}/{id}", """{"name":"stolen"}""")).Expect(HttpStatusCode.NotFound);
        (await stranger.DeleteJsonAsync($"{path}/{id}")).Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await stranger.GetJsonAsync(path)).Array, item => item!["id"]!.GetValue<string>() == id);

        // The owner still has it, unchanged.
        var mine = (await owner.GetJsonAsync($"{path}/{id}")).Expect(HttpStatusCode.OK).Object;
        Assert.NotEqual("stolen", mine["name"]?.GetValue<string>());
    }

    [SkippableFact]
    public async Task Another_orgs_ids_cannot_be_referenced()
    {
        var app = fixture.App;
        var (_, strangerKey, _) = await app.AddOrgAsync();
        var toolId = (await app.Client().PostJsonAsync("/tool", """{"type":"endCall"}""")).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();

        var response = (await app.Client(strangerKey).PostJsonAsync("/assistant", """{"model":{"provider":"openai","model":"gpt-4o","toolIds":["@toolId@"]}}""".Replace("@toolId@", toolId)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal($"model.toolIds.0 must reference an existing tool (no tool with id '{toolId}' in this org)", response.Messages.Single());
        // A hook's tool action names its tool the same way.
        var hook = (await app.Client(strangerKey).PostJsonAsync("/assistant", """{"hooks":[{"on":"call.ending","do":[{"type":"tool","toolId":"@toolId@"}]}]}""".Replace("@toolId@", toolId)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal($"hooks.0.do.0.toolId must reference an existing tool (no tool with id '{toolId}' in this org)", hook.Messages.Single());
    }

    [SkippableFact]
    public async Task Org_settings_are_the_callers_own()
    {
        var app = fixture.App;
        var (strangerOrg, strangerKey, _) = await app.AddOrgAsync();
        var client = app.Client(strangerKey);

        var orgs = (await client.GetJsonAsync("/org")).Expect(HttpStatusCode.OK).Array;
        Assert.Equal(strangerOrg, orgs.Single()!["id"]!.GetValue<string>());

        var updated = (await client.PatchJsonAsync($"/org/{strangerOrg}", """{"server":{"url":"https://hooks.example.com/vapi","secret":"org-secret","timeoutSeconds":10,"headers":{"x-team":"a"}}}"""))
            .Expect(HttpStatusCode.OK).Object;
        Assert.Equal("https://hooks.example.com/vapi", updated["server"]!["url"]!.GetValue<string>());
        Assert.Equal("org-secret", updated["server"]!["secret"]!.GetValue<string>());

        var firstOrg = (await app.Client().GetJsonAsync("/org")).Array.Single()!["id"]!.GetValue<string>();
        (await client.GetJsonAsync($"/org/{firstOrg}")).Expect(HttpStatusCode.NotFound);
        (await client.PatchJsonAsync($"/org/{firstOrg}", """{"name":"mine now"}""")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteAuthAndIsolationTests(SqliteAppFixture fixture) : AuthAndIsolationTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAuthAndIsolationTests(PostgresAppFixture fixture) : AuthAndIsolationTests(fixture), IClassFixture<PostgresAppFixture>;
