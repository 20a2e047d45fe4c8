using System.Net;
using System.Text.Json.Nodes;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>
/// Vapi's five verbs on every document resource: create answers 201 with id/orgId/timestamps and the body as
/// sent, list is a bare array honouring limit and the createdAt/updatedAt filters, PATCH replaces top-level
/// fields wholesale, DELETE answers the deleted object. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class ResourceCrudTests(AppFixture fixture)
{
    public static TheoryData<string, string, string> Resources => new()
    {
        { "/assistant", """{"name":"Support","firstMessage":"Hi {{customer.name}}","model":{"provider":"openai","model":"gpt-4o","temperature":0.2,"messages":[{"role":"system","content":"Be brief."}]},"voice":{"provider":"11labs","voiceId":"burt"}}""", """{"name":"Support 2"}""" },
        { "/tool", """{"type":"function","async":false,"function":{"name":"lookup","description":"Finds things","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}},"server":{"url":"https://example.com/tools","timeoutSeconds":20}}""", """{"async":true}""" },
        { "/squad", """{"name":"Desk","members":[{"assistant":{"name":"Inline","model":{"provider":"openai","model":"gpt-4o"}}}]}""", """{"name":"Desk 2","members":[{"assistant":{"name":"Replaced"}}]}""" },
        { "/phone-number", """{"provider":"twilio","number":"+15550001111","twilioAccountSid":"AC0001","smsEnabled":true,"name":"Line"}""", """{"name":"Line 2"}""" },
        { "/credential", """{"provider":"anthropic","apiKey":"sk-ant-0123456789abcdef","name":"Claude"}""", """{"name":"Claude 2"}""" },
    };

    [SkippableTheory]
    [MemberData(nameof(Resources))]
    public async Task Create_get_list_update_delete_follow_Vapi_semantics(string path, string create, string update)
    {
        var client = fixture.App.Client();
        var sent = JsonNode.Parse(create)!.AsObject();

        var created = (await client.PostJsonAsync(path, create)).Expect(HttpStatusCode.Created).Object;
        var id = created["id"]!.GetValue<string>();
        Assert.True(Guid.TryParse(id, out _), "id is a UUID");
        Assert.False(string.IsNullOrEmpty(created["orgId"]?.GetValue<string>()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", created["createdAt"]!.GetValue<string>());
        Assert.Equal(created["createdAt"]!.GetValue<string>(), created["updatedAt"]!.GetValue<string>());
        foreach (var (key, value) in sent)
            if (key != "apiKey")
                Assert.True(JsonNode.DeepEquals(value, created[key]), $"{key} returned as sent: {created[key]?.ToJsonString()}");

        var got = (await client.GetJsonAsync($"{path}/{id}")).Expect(HttpStatusCode.OK).Object;
        Assert.True(JsonNode.DeepEquals(created, got));

        var list = (await client.GetJsonAsync(path)).Expect(HttpStatusCode.OK).Array;
        Assert.Contains(list, item => item!["id"]!.GetValue<string>() == id);

        await Task.Delay(5);
        var updated = (await client.PatchJsonAsync($"{path}/{id}", update)).Expect(HttpStatusCode.OK).Object;
        foreach (var (key, value) in JsonNode.Parse(update)!.AsObject())
            Assert.True(JsonNode.DeepEquals(value, updated[key]), $"{key} updated");
        Assert.Equal(created["createdAt"]!.GetValue<string>(), updated["createdAt"]!.GetValue<string>());
        Assert.True(string.CompareOrdinal(updated["updatedAt"]!.GetValue<string>(), created["updatedAt"]!.GetValue<string>()) > 0, "updatedAt moves forward");

        var deleted = (await client.DeleteJsonAsync($"{path}/{id}")).Expect(HttpStatusCode.OK).Object;
        Assert.Equal(id, deleted["id"]!.GetValue<string>());
        var gone = (await client.GetJsonAsync($"{path}/{id}")).Expect(HttpStatusCode.NotFound);
        Assert.Equal(404, gone.Object["statusCode"]!.GetValue<int>());
        Assert.Equal("Not Found", gone.Object["error"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Patch_replaces_a_nested_object_wholesale_and_null_removes_a_field()
    {
        var client = fixture.App.Client();
        var created = (await client.PostJsonAsync("/assistant",
            """{"name":"Nested","model":{"provider":"openai","model":"gpt-4o","temperature":0.7,"maxTokens":300},"firstMessage":"Hello"}"""))
            .Expect(HttpStatusCode.Created).Object;
        var id = created["id"]!.GetValue<string>();

        var updated = (await client.PatchJsonAsync($"/assistant/{id}", """{"model":{"provider":"anthropic","model":"claude-3-5-sonnet-20241022"},"firstMessage":null}"""))
            .Expect(HttpStatusCode.OK).Object;

        Assert.Equal("""{"provider":"anthropic","model":"claude-3-5-sonnet-20241022"}""", updated["model"]!.ToJsonString());
        Assert.False(updated.ContainsKey("firstMessage"));
        Assert.Equal("Nested", updated["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task List_honours_limit_and_created_at_filters_newest_first()
    {
        var (_, key, _) = await fixture.App.AddOrgAsync();
        var client = fixture.App.Client(key);
        var ids = new List<string>();
        var stamps = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = (await client.PostJsonAsync("/assistant", """{"name":"A@i@"}""".Replace("@i@", i.ToString()))).Expect(HttpStatusCode.Created).Object;
            ids.Add(created["id"]!.GetValue<string>());
            stamps.Add(created["createdAt"]!.GetValue<string>());
            await Task.Delay(15);
        }

        var all = (await client.GetJsonAsync("/assistant")).Array.Select(a => a!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), all);

        var limited = (await client.GetJsonAsync("/assistant?limit=2")).Array;
        Assert.Equal(2, limited.Count);

        var after = (await client.GetJsonAsync($"/assistant?createdAtGt={Uri.EscapeDataString(stamps[0])}")).Array.Select(a => a!["id"]!.GetValue<string>());
        Assert.Equal([ids[2], ids[1]], after);

        var upTo = (await client.GetJsonAsync($"/assistant?createdAtLe={Uri.EscapeDataString(stamps[1])}")).Array.Select(a => a!["id"]!.GetValue<string>());
        Assert.Equal([ids[1], ids[0]], upTo);

        var bad = (await client.GetJsonAsync("/assistant?limit=5000&createdAtGt=yesterday")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("limit must not be greater than 1000", bad.Messages);
        Assert.Contains("createdAtGt must be a valid ISO 8601 date string", bad.Messages);
    }

    [SkippableFact]
    public async Task Tool_type_cannot_be_changed_by_patch()
    {
        var client = fixture.App.Client();
        var tool = (await client.PostJsonAsync("/tool", """{"type":"endCall"}""")).Expect(HttpStatusCode.Created).Object;
        var response = (await client.PatchJsonAsync($"/tool/{tool["id"]}", """{"type":"dtmf"}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("type cannot be changed from 'endCall' to 'dtmf'", response.Messages.Single());
    }

    [SkippableFact]
    public async Task Get_tool_returns_what_seed_001_describes()
    {
        var client = fixture.App.Client();
        const string body = """
            {"async":false,"messages":[{"type":"request-start","content":"One moment","conditions":[{"value":"x","operator":"eq","param":"p"}]}],
             "type":"dtmf","function":{"name":"press_keys","description":"Presses keys","parameters":{"type":"object","properties":{},"required":["keys"]}},
             "server":{"timeoutSeconds":20,"url":"https://example.com/dtmf","secret":"shh"}}
            """;
        var created = (await client.PostJsonAsync("/tool", body)).Expect(HttpStatusCode.Created).Object;
        var got = (await client.GetJsonAsync($"/tool/{created["id"]}")).Expect(HttpStatusCode.OK).Object;

        var expected = JsonNode.Parse(body)!.AsObject();
        foreach (var (key, value) in expected)
            Assert.True(JsonNode.DeepEquals(value, got[key]), $"{key}: {got[key]?.ToJsonString()}");
        Assert.Equal(["async", "messages", "type", "function", "server", "id", "orgId", "createdAt", "updatedAt"], got.Select(p => p.Key).ToArray());
    }
}

public sealed class SqliteResourceCrudTests(SqliteAppFixture fixture) : ResourceCrudTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresResourceCrudTests(PostgresAppFixture fixture) : ResourceCrudTests(fixture), IClassFixture<PostgresAppFixture>;
