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
}
