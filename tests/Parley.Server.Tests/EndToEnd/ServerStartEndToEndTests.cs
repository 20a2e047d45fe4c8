using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// The server started from any folder (as <c>dotnet run --project src/Parley.Server</c> from the repository root does)
/// still reads the settings that ship beside it: the content root is the binary's folder, not the current one.
/// </summary>
public sealed class ServerStartEndToEndTests
{
    [Fact]
    public async Task Started_from_another_folder_the_server_uses_the_settings_shipped_beside_it()
    {
        var elsewhere = Directory.CreateTempSubdirectory("parley-cwd-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(workingDirectory: elsewhere);
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            Assert.True((await http.GetAsync("/health")).IsSuccessStatusCode);

            // appsettings.json quiets Entity Framework to warnings; without it every SQL command of the schema set-up is logged.
            // The host logs its content root just after it starts listening, which is when StartAsync returns.
            var output = await server.WaitForOutputAsync("Content root path:");
            Assert.DoesNotContain("Executed DbCommand", output);
            Assert.Contains("Content root path: " + AppContext.BaseDirectory, output);
            // Nothing of the server's own lands in the folder it was started from when the data directory is set elsewhere.
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task A_content_root_asked_for_is_the_one_used()
    {
        var root = Directory.CreateTempSubdirectory("parley-root-").FullName;
        try
        {
            // Settings of its own there: Entity Framework at Information, so its commands show in the output.
            await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"),
                """{"Logging":{"LogLevel":{"Default":"Information","Microsoft.EntityFrameworkCore":"Information"}}}""");
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["ASPNETCORE_CONTENTROOT"] = root });

            var output = await server.WaitForOutputAsync("Content root path:");
            Assert.Contains("Content root path: " + root, output);
            Assert.Contains("Executed DbCommand", output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
