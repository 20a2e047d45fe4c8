using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>
/// POST /call validates what the call points at and stores it queued, with the URLs a client needs to reach it.
/// </summary>
public abstract class CallsApiTests(AppFixture fixture)
{
    private async Task<string> CreateAsync(HttpClient client, string path, string body) =>
        (await client.PostJsonAsync(path, body)).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();

    [SkippableFact]
    public async Task Recordings_are_the_callers_own_and_come_once_the_call_has_ended()
    {
        var client = fixture.App.Client();
        var assistantId = await CreateAsync(client, "/assistant", """{"name":"rec"}""");
        var id = await CreateAsync(client, "/call", """{"assistantId":"@id@","transport":{"provider":"vapi.websocket"}}""".Replace("@id@", assistantId));
        var (_, strangerKey, _) = await fixture.App.AddOrgAsync();

        foreach (var view in (string[])["recording", "stereo-recording", "mono-recording", "customer-recording", "assistant-recording"])
        {
            var queued = (await client.GetJsonAsync($"/call/{id}/{view}")).Expect(HttpStatusCode.NotFound);
            Assert.Equal("The recording is ready once the call has ended (status: queued)", queued.Messages.Single());
            (await fixture.App.Client(strangerKey).GetJsonAsync($"/call/{id}/{view}")).Expect(HttpStatusCode.NotFound);
            (await client.GetJsonAsync($"/call/{Guid.NewGuid()}/{view}")).Expect(HttpStatusCode.NotFound);
        }
    }

    [SkippableFact]
    public async Task A_websocket_call_is_queued_with_its_transport_and_monitor_urls()
    {
        var client = fixture.App.Client();
        var assistantId = await CreateAsync(client, "/assistant", """{"name":"ws"}""");
        var call = (await client.PostJsonAsync("/call",
            """{"assistantId":"@assistantId@","assistantOverrides":{"variableValues":{"userToken":"abc"}},"transport":{"provider":"vapi.websocket","audioFormat":{"format":"pcm_s16le","container":"raw","sampleRate":16000}}}""".Replace("@assistantId@", assistantId)))
            .Expect(HttpStatusCode.Created).Object;
        var id = call["id"]!.GetValue<string>();

        Assert.Equal("queued", call["status"]!.GetValue<string>());
        Assert.Equal("vapi.websocketCall", call["type"]!.GetValue<string>());
        Assert.Equal($"ws://localhost/{id}/transport", call["transport"]!["websocketCallUrl"]!.GetValue<string>());
        Assert.Equal($"http://localhost/{id}/control", call["monitor"]!["controlUrl"]!.GetValue<string>());
        Assert.Equal("abc", call["assistantOverrides"]!["variableValues"]!["userToken"]!.GetValue<string>());
        Assert.Empty(call["messages"]!.AsArray());
        // Vapi's subscriptionLimits: nothing runs in this server, so every slot is free (the default: 200 per core).
        var limits = call["subscriptionLimits"]!;
        Assert.False(limits["concurrencyBlocked"]!.GetValue<bool>());
        Assert.Equal(200 * Environment.ProcessorCount, limits["concurrencyLimit"]!.GetValue<int>());
        Assert.Equal(200 * Environment.ProcessorCount, limits["remainingConcurrentCalls"]!.GetValue<int>());

        var listed = (await client.GetJsonAsync($"/call?assistantId={assistantId}")).Array;
        Assert.Equal(id, listed.Single()!["id"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_transient_assistant_and_squad_are_accepted()
    {
        var client = fixture.App.Client();
        (await client.PostJsonAsync("/call", """{"assistant":{"name":"t","firstMessage":"hi"},"transport":{"provider":"vapi.websocket"}}""")).Expect(HttpStatusCode.Created);
        (await client.PostJsonAsync("/call", """{"squad":{"members":[{"assistant":{"name":"a"}},{"assistant":{"name":"b"}}]},"transport":{"provider":"vapi.websocket"}}""")).Expect(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task Outbound_phone_calls_need_a_customer_and_batches_answer_results()
    {
        var client = fixture.App.Client();
        var assistantId = await CreateAsync(client, "/assistant", """{"name":"caller"}""");
        var phoneId = await CreateAsync(client, "/phone-number", """{"provider":"twilio","number":"+15550004444","twilioAccountSid":"AC0004"}""");

        var missing = (await client.PostJsonAsync("/call", """{"assistantId":"@assistantId@","phoneNumberId":"@phoneId@"}""".Replace("@assistantId@", assistantId).Replace("@phoneId@", phoneId))).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("customer must be set for an outbound phone call (the number to call)", missing.Messages);

        var single = (await client.PostJsonAsync("/call", """{"assistantId":"@assistantId@","phoneNumberId":"@phoneId@","customer":{"number":"+15551110000"}}""".Replace("@assistantId@", assistantId).Replace("@phoneId@", phoneId)))
            .Expect(HttpStatusCode.Created).Object;
        Assert.Equal("outboundPhoneCall", single["type"]!.GetValue<string>());

        var batch = (await client.PostJsonAsync("/call", """{"assistantId":"@assistantId@","phoneNumberId":"@phoneId@","customers":[{"number":"+15551110001"},{"number":"+15551110002"}]}""".Replace("@assistantId@", assistantId).Replace("@phoneId@", phoneId)))
            .Expect(HttpStatusCode.Created).Object;
        Assert.Equal(2, batch["results"]!.AsArray().Count);
        Assert.Equal("+15551110002", batch["results"]![1]!["customer"]!["number"]!.GetValue<string>());
        Assert.False(batch["subscriptionLimits"]!["concurrencyBlocked"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task Unknown_references_and_conflicting_sources_are_400s_naming_the_field()
    {
        var client = fixture.App.Client();
        var unknown = Guid.NewGuid().ToString();
        var response = (await client.PostJsonAsync("/call",
            """{"assistantId":"@unknown@","transport":{"provider":"vapi.websocket"},"assistantOverrides":{"model":{"provider":"openai","model":"gpt-4o","toolIds":["@unknown@"]}}}""".Replace("@unknown@", unknown)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains($"assistantId must reference an existing assistant (no assistant with id '{unknown}' in this org)", response.Messages);
        Assert.Contains($"assistantOverrides.model.toolIds.0 must reference an existing tool (no tool with id '{unknown}' in this org)", response.Messages);

        var both = (await client.PostJsonAsync("/call", """{"assistant":{"name":"a"},"squad":{"members":[{"assistant":{"name":"b"}}]},"transport":{"provider":"vapi.websocket"}}"""))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("only one of assistantId, assistant, squadId, squad may be set (got assistant, squad)", both.Messages);

        var none = (await client.PostJsonAsync("/call", """{"transport":{"provider":"vapi.websocket"}}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("a call needs one of assistantId, assistant, squadId or squad", none.Messages);
    }
}

public sealed class SqliteCallsApiTests(SqliteAppFixture fixture) : CallsApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresCallsApiTests(PostgresAppFixture fixture) : CallsApiTests(fixture), IClassFixture<PostgresAppFixture>;
