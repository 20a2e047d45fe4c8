using Npgsql;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// What the machine offers the tests. Optional services (PostgreSQL, node) make their tests skip with a reason,
/// except under PARLEY_REQUIRE_ALL=1 (CI), where a missing service fails the test instead.
/// </summary>
public static class TestEnvironment
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("PARLEY_REQUIRE_ALL") == "1";

    /// <summary>Admin connection string for a PostgreSQL server the tests may create databases on.</summary>
    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("PARLEY_TEST_DATABASE_URL") is { Length: > 0 } configured
            ? Store.PostgresConnectionString.Normalize(configured)
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres;Timeout=3";

    private static readonly Lazy<string?> PostgresProblem = new(() =>
    {
        try
        {
            using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e)
        {
            return $"PostgreSQL is not reachable ({e.Message}); set PARLEY_TEST_DATABASE_URL to an admin connection string";
        }
    });

    /// <summary>Null when PostgreSQL is usable, else why not.</summary>
    public static string? PostgresUnavailableReason => PostgresProblem.Value;

    /// <summary>Skips (or fails under PARLEY_REQUIRE_ALL=1) when a required service is missing.</summary>
    public static void SkipUnless(string? unavailableReason)
    {
        if (unavailableReason is null) return;
        if (RequireAll) throw new InvalidOperationException($"PARLEY_REQUIRE_ALL=1 but {unavailableReason}");
        Skip.If(true, unavailableReason);
    }

    /// <summary>The repository root (the folder holding Parley.slnx).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
