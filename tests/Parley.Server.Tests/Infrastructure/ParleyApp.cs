using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on a fresh store: a temporary data directory for SQLite, or a fresh database
/// on the PostgreSQL server. The first org's private key is <see cref="PrivateKey"/>.
/// </summary>
public sealed class ParleyApp : WebApplicationFactory<Program>
{
    public string PrivateKey { get; } = Guid.NewGuid().ToString();
    public string DataDirectory { get; }
    public StoreKind Store { get; }
    private readonly string? _databaseName;
    private readonly string? _databaseUrl;

    private readonly Dictionary<string, string> _settings;

    public ParleyApp(StoreKind store, string? dataDirectory = null, string? databaseName = null, string? privateKey = null,
        Dictionary<string, string>? settings = null)
    {
        _settings = settings ?? [];
        Store = store;
        PrivateKey = privateKey ?? PrivateKey;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("n"));
        if (store == StoreKind.Postgres)
        {
            _databaseName = databaseName ?? "parley_test_" + Guid.NewGuid().ToString("n");
            var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdminConnectionString);
            using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                connection.Open();
                using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{_databaseName}'", connection);
                if (exists.ExecuteScalar() is null)
                {
                    using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", connection);
                    create.ExecuteNonQuery();
                }
            }
            admin.Database = _databaseName;
            _databaseUrl = admin.ConnectionString;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("PARLEY_DATA_DIR", DataDirectory);
        builder.UseSetting("PARLEY_BOOTSTRAP_KEY", PrivateKey);
        builder.UseSetting("PARLEY_DATABASE_URL", _databaseUrl ?? "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>A client that sends the first org's private key.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? PrivateKey);
        return client;
    }

    /// <summary>Adds another org with its own private key, for isolation tests.</summary>
    public async Task<(string OrgId, string PrivateKey, string PublicKey)> AddOrgAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        var orgId = Guid.NewGuid().ToString();
        var privateKey = ApiKeys.NewKey();
        var publicKey = ApiKeys.NewKey();
        var now = DateTime.UtcNow;
        db.Orgs.Add(new OrgEntity { Id = orgId, Name = "Other", Body = "{\"name\":\"Other\"}", CreatedAt = now, UpdatedAt = now });
        db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid().ToString(), OrgId = orgId, Tag = ApiKeys.PrivateTag, KeyHash = ApiKeys.Hash(privateKey), CreatedAt = now });
        db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid().ToString(), OrgId = orgId, Tag = ApiKeys.PublicTag, KeyHash = ApiKeys.Hash(publicKey), CreatedAt = now });
        await db.SaveChangesAsync();
        return (orgId, privateKey, publicKey);
    }

    /// <summary>Reads a stored row's raw body, to check what is at rest.</summary>
    public async Task<string> RawBodyAsync<T>(Func<ParleyDbContext, IQueryable<T>> table, string id) where T : DocumentEntity
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        return table(db).Single(r => r.Id == id).Body;
    }

    /// <summary>Overwrites a stored row's body as given, past every check: a row stored before a check existed.</summary>
    public async Task WriteRawBodyAsync<T>(Func<ParleyDbContext, IQueryable<T>> table, string id, string body) where T : DocumentEntity
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
        table(db).Single(r => r.Id == id).Body = body;
        await db.SaveChangesAsync();
    }

    public async Task DropDatabaseAsync()
    {
        if (_databaseName is null) return;
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public string? DatabaseName => _databaseName;
}
