using Microsoft.EntityFrameworkCore;
using Parley.Server.Hosting;

namespace Parley.Server.Store;

/// <summary>Chooses SQLite (default, under the data directory) or PostgreSQL (PARLEY_DATABASE_URL).</summary>
public static class StoreSetup
{
    public static IServiceCollection AddParleyStore(this IServiceCollection services, ParleyOptions options)
    {
        if (options.DatabaseUrl is { } url)
        {
            var connectionString = PostgresConnectionString.Normalize(url);
            services.AddPooledDbContextFactory<ParleyDbContext>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            var path = Path.GetFullPath(Path.Combine(options.DataDirectory, "parley.db"));
            services.AddPooledDbContextFactory<ParleyDbContext>(o => o.UseSqlite($"Data Source={path};Pooling=True"));
            var directory = options.DataDirectory;
            services.AddSingleton(_ => DataDirectoryLock.TryAcquire(directory));
        }
        // Requests get a scoped context; background work (async tools, calls) creates its own from the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ParleyDbContext>>().CreateDbContext());
        return services;
    }
}

/// <summary>Accepts both Npgsql keyword strings and <c>postgres://user:pass@host:port/db</c> URLs.</summary>
public static class PostgresConnectionString
{
    public static string Normalize(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) &&
            !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return value;

        var uri = new Uri(value);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder.ConnectionString;
    }
}
