using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>Data and keys survive a restart: the schema is created once and reused, the org is not re-created.</summary>
public sealed class PersistenceTests
{
    [SkippableTheory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Data_survives_a_restart(StoreKind store)
    {
        if (store == StoreKind.Postgres) TestEnvironment.SkipUnless(TestEnvironment.PostgresUnavailableReason);
        var first = new ParleyApp(store);
        string id;
        await using (first)
        {
            id = (await first.Client().PostJsonAsync("/assistant", """{"name":"durable","server":{"url":"https://x.example.com","secret":"kept"}}"""))
                .Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
        }

        await using var second = new ParleyApp(store, first.DataDirectory, first.DatabaseName, first.PrivateKey);
        try
        {
            var got = (await second.Client().GetJsonAsync($"/assistant/{id}")).Expect(HttpStatusCode.OK).Object;
            Assert.Equal("durable", got["name"]!.GetValue<string>());
            Assert.Equal("kept", got["server"]!["secret"]!.GetValue<string>());
            Assert.Single((await second.Client().GetJsonAsync("/org")).Array);
        }
        finally
        {
            await second.DropDatabaseAsync();
        }
    }

    /// <summary>
    /// A call left in progress by a process that was killed is ended at the next start with SQLite (the only process
    /// that could be running it), and left alone with PostgreSQL (another server may be running it).
    /// </summary>
    [SkippableTheory]
    [InlineData(StoreKind.Sqlite, "ended")]
    [InlineData(StoreKind.Postgres, "in-progress")]
    public async Task A_call_a_killed_process_left_in_progress_is_ended_at_the_next_start_with_sqlite(StoreKind store, string statusAfter)
    {
        if (store == StoreKind.Postgres) TestEnvironment.SkipUnless(TestEnvironment.PostgresUnavailableReason);
        var first = new ParleyApp(store);
        string orphan, queued;
        await using (first)
        {
            var client = first.Client();
            var assistantId = (await client.PostJsonAsync("/assistant", """{"name":"a","server":{"url":"https://x.example.com","secret":"kept"}}"""))
                .Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
            const string transport = """{"provider":"vapi.websocket"}""";
            orphan = (await client.PostJsonAsync("/call", $$"""{"assistantId":"{{assistantId}}","transport":{{transport}}}""")).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
            queued = (await client.PostJsonAsync("/call", $$"""{"assistantId":"{{assistantId}}","transport":{{transport}}}""")).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
            // As the runner leaves a call it is running: the column and the body say in-progress.
            using var scope = first.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Parley.Server.Store.ParleyDbContext>();
            var row = db.Calls.Single(c => c.Id == orphan);
            row.Status = "in-progress";
            row.Body = row.Body.Replace("\"status\":\"queued\"", "\"status\":\"in-progress\"");
            await db.SaveChangesAsync();
        }

        await using var second = new ParleyApp(store, first.DataDirectory, first.DatabaseName, first.PrivateKey);
        try
        {
            var got = (await second.Client().GetJsonAsync($"/call/{orphan}")).Expect(HttpStatusCode.OK).Object;
            Assert.Equal(statusAfter, got["status"]!.GetValue<string>());
            if (statusAfter == "ended")
            {
                Assert.Equal("call.in-progress.error-vapifault-worker-died", got["endedReason"]!.GetValue<string>());
                Assert.NotNull(got["endedAt"]);
            }
            Assert.Equal("queued", (await second.Client().GetJsonAsync($"/call/{queued}")).Expect(HttpStatusCode.OK).Object["status"]!.GetValue<string>());
        }
        finally
        {
            await second.DropDatabaseAsync();
        }
    }

    [Fact]
    public async Task A_second_process_on_the_same_sqlite_directory_leaves_the_first_ones_live_calls_alone()
    {
        await using var first = new ParleyApp(StoreKind.Sqlite);
        var client = first.Client();
        var assistantId = (await client.PostJsonAsync("/assistant", """{"name":"a"}""")).Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
        const string transport = """{"provider":"vapi.websocket"}""";
        var running = (await client.PostJsonAsync("/call", $$"""{"assistantId":"{{assistantId}}","transport":{{transport}}}"""))
            .Expect(HttpStatusCode.Created).Object["id"]!.GetValue<string>();
        using (var scope = first.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Parley.Server.Store.ParleyDbContext>();
            var row = db.Calls.Single(c => c.Id == running);
            row.Status = "in-progress";
            row.Body = row.Body.Replace("\"status\":\"queued\"", "\"status\":\"in-progress\"");
            await db.SaveChangesAsync();
        }

        // The first process still holds the directory: the second may not take its calls for orphans.
        await using var second = new ParleyApp(StoreKind.Sqlite, first.DataDirectory, privateKey: first.PrivateKey);
        var seen = (await second.Client().GetJsonAsync($"/call/{running}")).Expect(HttpStatusCode.OK).Object;

        Assert.Equal("in-progress", seen["status"]!.GetValue<string>());
    }
}
