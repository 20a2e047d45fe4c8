namespace Parley.Server.Tests.Infrastructure;

/// <summary>One in-process server per test class and store; tests in the class share it and use fresh ids.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private ParleyApp? _app;
    public abstract StoreKind Store { get; }
    public string? UnavailableReason => Store == StoreKind.Postgres ? TestEnvironment.PostgresUnavailableReason : null;

    public ParleyApp App
    {
        get
        {
            TestEnvironment.SkipUnless(UnavailableReason);
            return _app ??= new ParleyApp(Store);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.DisposeAsync();
        await _app.DropDatabaseAsync();
    }
}

/// <summary>A server on SQLite.</summary>
public sealed class SqliteAppFixture : AppFixture
{
    public override StoreKind Store => StoreKind.Sqlite;
}

/// <summary>A server on PostgreSQL.</summary>
public sealed class PostgresAppFixture : AppFixture
{
    public override StoreKind Store => StoreKind.Postgres;
}
